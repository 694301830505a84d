package io.timetravel.http;

import io.timetravel.domain.Ids;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A host and optional port as a {@code Host} header or an origin writes them, with IP literals read
 * as addresses the way browsers read them, and never anything looked up in DNS.
 *
 * @param name    the host in lower case without a trailing dot (a name, a dotted IPv4 address, or an
 *                IPv6 address in brackets), as written rather than normalized
 * @param address the address when the host is an IP literal, else {@code null} (a name)
 * @param port    the port, or -1 when none is given
 */
record HostAuthority(String name, InetAddress address, int port) {

    /**
     * Reads {@code host[:port]}, {@code [ipv6][:port]}; {@code null} when the text is not one (an IPv6
     * address without brackets, a zone id, a port that is no number from 1 to 65535, an empty host).
     */
    static HostAuthority parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String host;
        String rest;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = text.substring(0, close + 1);
            rest = text.substring(close + 1);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                return null;
            }
            host = colon < 0 ? text : text.substring(0, colon);
            rest = colon < 0 ? "" : text.substring(colon);
        }
        int port = port(rest);
        if (port < -1) {
            return null;
        }
        return host(host, port);
    }

    /** A host without a port, as the allowed-hosts list names it; {@code null} when it is not one. */
    static HostAuthority host(String host) {
        return host(host, -1);
    }

    boolean isIpLiteral() {
        return address != null;
    }

    private static HostAuthority host(String text, int port) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.charAt(0) == '[') {
            InetAddress v6 = ipv6(text);
            return v6 == null ? null : new HostAuthority(text.toLowerCase(Locale.ROOT), v6, port);
        }
        // "example.com." is the same host as "example.com" (the root of DNS made explicit).
        String name = text.endsWith(".") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
        if (!isHostName(name)) {
            return null;
        }
        return new HostAuthority(name.toLowerCase(Locale.ROOT), ipv4(name), port);
    }

    /** "" (no port), ":" (an empty port, which RFC 3986 allows), or ":" and 1 to 65535; -2 when malformed. */
    private static int port(String rest) {
        if (rest.isEmpty() || rest.equals(":")) {
            return -1;
        }
        long port = rest.charAt(0) == ':' ? Ids.parsePositiveLong(rest.substring(1)) : -1;
        return port > 0 && port <= 65535 ? (int) port : -2;
    }

    /** Letters, digits, '-', '_' and dots between labels: what DNS names and IPv4 literals are made of. */
    private static boolean isHostName(String name) {
        if (name.startsWith(".") || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * The IPv4 address a browser reads in {@code host} (WHATWG URL IPv4 parser): one to four parts,
     * each decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last one filling the remaining
     * bytes, so {@code 127.1}, {@code 2130706433} and {@code 0x7f.0.0.1} are all 127.0.0.1. A host
     * with any part that is no such number is a name: {@code null}.
     */
    private static InetAddress ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = ipv4Number(parts[i]);
            if (numbers[i] < 0) {
                return null;
            }
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (numbers[i] > 255) {
                return null;
            }
            value |= numbers[i] << (8 * (3 - i));
        }
        long last = numbers[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        value |= last;
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** One part of an IPv4 literal, or -1 when it is no number (or too large to be one). */
    private static long ipv4Number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return -1;
            }
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The address in {@code [ipv6]}, or {@code null}. Only hex digits, colons and dots (for an embedded
     * IPv4 tail) reach the JDK's parser, which reads such a bracketed text as a literal and never as
     * a name to look up; zone ids ({@code %eth0}) are refused.
     */
    private static InetAddress ipv6(String bracketed) {
        if (bracketed.length() < 4 || bracketed.charAt(bracketed.length() - 1) != ']') {
            return null;
        }
        String inner = bracketed.substring(1, bracketed.length() - 1);
        if (inner.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            return InetAddress.getByName(bracketed);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
