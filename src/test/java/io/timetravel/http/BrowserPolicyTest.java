package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Host headers and origins a policy answers, and which configured entries it refuses. */
class BrowserPolicyTest {

    private static final BrowserPolicy DEFAULT = BrowserPolicy.loopbackOnly();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:8000", "127.0.0.1:", "127.1:8000", "127.255.255.254", "2130706433:8000",
            "0x7f.0.0.1", "0177.0.0.1", "127.0.0.1.", "[::1]", "[::1]:8000", "[0:0:0:0:0:0:0:1]:8000",
            "[::ffff:127.0.0.1]:8000", "[::FFFF:7F00:1]", "localhost", "localhost:8000", "LocalHost:8000", "localhost.:8000"})
    void loopbackAddressesInAnyFormAndLocalhostAreAllowedByDefault(String host) {
        assertTrue(DEFAULT.allowsHost(host), host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.evil.example",
            "evil-localhost", "10.1.2.3", "10.1.2.3:8000", "128.0.0.1", "256.0.0.1", "[::2]:8000", "::1", "[::1",
            "[::1]x", "[::1%lo]:8000", "[localhost]", "127.0.0.1:99999", "127.0.0.1:80a", "127.0.0.1:8000:1",
            "user@127.0.0.1", "127.0.0.1/x", "local host", ":8000", "..", "[]"})
    void foreignNamesOtherAddressesAndMalformedHostsAreRefusedByDefault(String host) {
        assertFalse(DEFAULT.allowsHost(host), host);
    }

    @Test
    void listedHostsAreAllowedWhateverTheirCaseAndPort() {
        BrowserPolicy policy = BrowserPolicy.of(List.of("TimeTravel.Example.com", "192.168.1.5", "fd00::5", "[fe80::1]"), List.of());

        assertTrue(policy.allowsHost("timetravel.example.com:8000"));
        assertTrue(policy.allowsHost("TIMETRAVEL.EXAMPLE.COM"));
        assertTrue(policy.allowsHost("timetravel.example.com.:8000"));
        assertTrue(policy.allowsHost("192.168.1.5:8000"));
        assertTrue(policy.allowsHost("3232235781:8000"), "192.168.1.5 as one number");
        assertTrue(policy.allowsHost("[FD00:0:0:0:0:0:0:5]:8000"));
        assertTrue(policy.allowsHost("[fe80::1]"));
        assertTrue(policy.allowsHost("localhost:8000"), "loopback stays allowed");
        assertFalse(policy.allowsHost("example.com"));
        assertFalse(policy.allowsHost("evil.timetravel.example.com"));
        assertFalse(policy.allowsHost("192.168.1.6"));
    }

    @Test
    void aServerBoundToOneAddressAlsoAnswersThatAddress() throws UnknownHostException {
        BrowserPolicy policy = DEFAULT.boundTo(InetAddress.getByName("10.1.2.3"));

        assertTrue(policy.allowsHost("10.1.2.3:8000"));
        assertTrue(policy.allowsHost("127.0.0.1:8000"));
        assertFalse(policy.allowsHost("10.1.2.4:8000"));
        assertFalse(policy.allowsHost("myhost.lan:8000"), "a name still needs listing");
    }

    @Test
    void aServerBoundToEveryInterfaceAnswersAnyIpLiteralButNoForeignName() throws UnknownHostException {
        for (String wildcard : List.of("0.0.0.0", "::")) {
            BrowserPolicy policy = DEFAULT.boundTo(InetAddress.getByName(wildcard));

            assertTrue(policy.allowsHost("10.9.8.7:8000"), wildcard);
            assertTrue(policy.allowsHost("[fe80::1]:8000"), wildcard);
            assertFalse(policy.allowsHost("myhost.lan:8000"), wildcard);
            assertFalse(policy.allowsHost("evil.example"), wildcard);
        }
    }

    @Test
    void aServerBoundToLoopbackAnswersNoOtherAddress() throws UnknownHostException {
        BrowserPolicy policy = DEFAULT.boundTo(InetAddress.getByName("127.0.0.1"));

        assertTrue(policy.allowsHost("127.0.0.1:8000"));
        assertFalse(policy.allowsHost("10.1.2.3:8000"));
    }

    @Test
    void listedOriginsMatchExactlyUpToCaseAndDefaultPorts() {
        BrowserPolicy policy = BrowserPolicy.of(List.of(),
                List.of("http://localhost:5173", "HTTPS://App.Example.com", "http://[::1]:3000", "http://example.org:80"));

        assertTrue(policy.listsOrigins());
        assertTrue(policy.allowsOrigin("http://localhost:5173"));
        assertTrue(policy.allowsOrigin("http://LOCALHOST:5173"));
        assertTrue(policy.allowsOrigin("https://app.example.com"));
        assertTrue(policy.allowsOrigin("https://app.example.com:443"));
        assertTrue(policy.allowsOrigin("http://[0:0:0:0:0:0:0:1]:3000"));
        assertTrue(policy.allowsOrigin("http://example.org"));
        assertFalse(policy.allowsOrigin("http://localhost:5174"), "another port");
        assertFalse(policy.allowsOrigin("https://localhost:5173"), "another scheme");
        assertFalse(policy.allowsOrigin("http://app.example.com"), "http for an https origin");
        assertFalse(policy.allowsOrigin("https://evil.app.example.com"));
        assertFalse(policy.allowsOrigin("http://localhost:5173/"), "browsers never send a path");
        assertFalse(policy.allowsOrigin("http://evil.example"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"null", "file://", "http://127.0.0.1:8000", "http://localhost", "garbage"})
    void noOriginIsAllowedByDefaultNotEvenTheListenersOwn(String origin) {
        assertFalse(DEFAULT.listsOrigins());
        assertFalse(DEFAULT.allowsOrigin(origin), origin);
    }

    @Test
    void theOpaqueNullOriginIsNeverAllowed() {
        BrowserPolicy policy = BrowserPolicy.of(List.of(), List.of("http://localhost:5173"));

        assertFalse(policy.allowsOrigin("null"));
        assertFalse(policy.allowsOrigin("NULL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:5173", "ftp://example.com", "ws://example.com", "http//example.com", "http://",
            "http://example.com/", "http://example.com/app", "http://example.com?x=1", "http://example.com#top",
            "http://user@example.com", "http://exa mple.com", "http://example.com:99999", "http://example.com:0",
            "http://example.com:x", "http://::1:3000", "*", " "})
    void malformedOriginsAreRefusedNamingTheEntry(String origin) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrowserPolicy.of(List.of(), List.of(origin)));

        assertTrue(e.getMessage().contains(origin.isBlank() ? "empty" : "'" + origin + "'"), e.getMessage());
    }

    @Test
    void anOriginWithAPathIsRefusedWithTheFormToWriteInstead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrowserPolicy.of(List.of(), List.of("http://localhost:5173/")));

        assertTrue(e.getMessage().contains("write http://localhost:5173)"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "example.com:8000", "example.com/x", "exa mple.com", "[::1", "*.example.com", " "})
    void malformedAllowedHostsAreRefusedNamingTheEntry(String host) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrowserPolicy.of(List.of(host), List.of()));

        assertTrue(e.getMessage().contains(host.isBlank() ? "empty" : "'" + host + "'"), e.getMessage());
    }

    @Test
    void nullEntriesAreRefusedAsEmpty() {
        assertThrows(IllegalArgumentException.class, () -> BrowserPolicy.of(Arrays.asList((String) null), List.of()));
        assertThrows(IllegalArgumentException.class, () -> BrowserPolicy.of(List.of(), Arrays.asList((String) null)));
    }

    @Test
    void bindingKeepsTheListsAndTheDefaultIsUnchanged() throws UnknownHostException {
        BrowserPolicy policy = BrowserPolicy.of(List.of("box.lan"), List.of("http://localhost:5173"));
        BrowserPolicy bound = policy.boundTo(InetAddress.getByName("10.1.2.3"));

        assertTrue(bound.allowsHost("box.lan"));
        assertTrue(bound.allowsOrigin("http://localhost:5173"));
        assertFalse(policy.allowsHost("10.1.2.3"), "boundTo returns a new policy");
        assertFalse(DEFAULT.allowsHost("10.1.2.3"));
    }
}
