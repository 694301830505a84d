package io.timetravel.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installation's Ed25519 key for ledger digests (the JDK's own implementation): signs
 * digests with its private half and checks them with its public half. Either half travels as
 * PEM: {@code PRIVATE KEY} (PKCS#8) and {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), the
 * forms {@code openssl} reads. A key read from its public half alone only checks.
 */
public final class DigestKey {

    private static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final byte[] PROBE = "timetravel digest key check".getBytes(StandardCharsets.US_ASCII);

    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final String keyId;

    private DigestKey(PublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.keyId = HashChain.sha256HexOf(publicKey.getEncoded()).substring(0, 16);
    }

    /** A new key pair. */
    public static DigestKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new DigestKey(pair.getPublic(), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
    }

    /**
     * Reads a key from PEM text: a {@code PUBLIC KEY} block, and a {@code PRIVATE KEY} block when
     * it is to sign. With both, they must be halves of one key.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static DigestKey fromPem(String text) {
        byte[] publicBytes = null;
        byte[] privateBytes = null;
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + block.group(1) + " block is not Base64", e);
            }
            switch (block.group(1)) {
                case "PUBLIC KEY" -> publicBytes = der;
                case "PRIVATE KEY" -> privateBytes = der;
                default -> throw new IllegalArgumentException("unexpected PEM block " + block.group(1));
            }
        }
        if (publicBytes == null) {
            throw new IllegalArgumentException("no PUBLIC KEY block");
        }
        try {
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(publicBytes));
            PrivateKey privateKey = privateBytes == null ? null : keys.generatePrivate(new PKCS8EncodedKeySpec(privateBytes));
            DigestKey key = new DigestKey(publicKey, privateKey);
            if (privateKey != null && !key.verifies(PROBE, key.signBytes(PROBE))) {
                throw new IllegalArgumentException("the PRIVATE KEY and PUBLIC KEY blocks are not one key");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** Both halves as PEM (only the public one when this key cannot sign). */
    public String toPem() {
        return privateKey == null ? publicPem() : pem("PRIVATE KEY", privateKey.getEncoded()) + publicPem();
    }

    /** The public half as PEM, for auditors and {@code openssl pkeyutl -verify}. */
    public String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The first 16 hex digits of the SHA-256 of the public key's X.509 encoding. */
    public String keyId() {
        return keyId;
    }

    public boolean canSign() {
        return privateKey != null;
    }

    /** This key without its private half. */
    public DigestKey publicOnly() {
        return privateKey == null ? this : new DigestKey(publicKey, null);
    }

    /**
     * Signs "the ledger had {@code entries} entries ending in {@code head} at {@code at}".
     *
     * @throws IllegalStateException when this key has no private half
     */
    public LedgerDigest sign(long entries, String head, Instant at) {
        return sign(0, entries, head, at);
    }

    /**
     * Signs "lane {@code lane} of the ledger had {@code entries} entries ending in {@code head} at {@code at}".
     *
     * @throws IllegalStateException when this key has no private half
     */
    public LedgerDigest sign(long lane, long entries, String head, Instant at) {
        String atText = Instants.format(at);
        String content = LedgerDigest.signedContent(lane, entries, head, atText, keyId);
        byte[] signature = signBytes(content.getBytes(StandardCharsets.UTF_8));
        return new LedgerDigest(lane, entries, head, atText, keyId, Base64.getEncoder().encodeToString(signature));
    }

    /**
     * Why {@code digest} was not signed by this key, or empty when it was. The reason starts
     * with "signature invalid".
     */
    public Optional<String> problemWith(LedgerDigest digest) {
        if (!digest.keyId().equals(keyId)) {
            return Optional.of("signature invalid: signed by key " + digest.keyId() + ", not by this installation's key " + keyId);
        }
        byte[] signature;
        try {
            signature = digest.signatureBytes();
        } catch (IllegalArgumentException e) {
            return Optional.of("signature invalid: not Base64");
        }
        if (!verifies(digest.signedContent().getBytes(StandardCharsets.UTF_8), signature)) {
            return Optional.of("signature invalid: the signature does not match the digest's "
                    + (digest.lane() == 0 ? "" : "lane, ") + "entries, head and at");
        }
        return Optional.empty();
    }

    private byte[] signBytes(byte[] message) {
        if (privateKey == null) {
            throw new IllegalStateException("key " + keyId + " was read without its private half: it checks digests, it cannot sign");
        }
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A short form for logs; never the private half. */
    @Override
    public String toString() {
        return "Ed25519 key " + keyId;
    }
}
