package io.timetravel.http;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which {@code Host} headers and which browser origins the listener answers: its defence against
 * DNS rebinding (a foreign name pointed at this machine) and against web pages that write into it
 * (cross-site requests). Immutable; see decision 0016.
 *
 * <p>Hosts allowed: any loopback address (127.0.0.0/8 in any IPv4 form, {@code [::1]}),
 * {@code localhost}, the names and addresses listed, the address the server is bound to and, when
 * bound to every interface (0.0.0.0 or ::), any IP literal. Names other than {@code localhost}
 * must be listed: a rebinding page can only ever send a name it controls.
 */
public final class BrowserPolicy {

    private static final BrowserPolicy LOOPBACK_ONLY = new BrowserPolicy(Set.of(), Set.of(), Set.of(), null);

    private final Set<String> hostNames;
    private final Set<InetAddress> hostAddresses;
    private final Set<String> origins;
    private final InetAddress bound;

    private BrowserPolicy(Set<String> hostNames, Set<InetAddress> hostAddresses, Set<String> origins, InetAddress bound) {
        this.hostNames = hostNames;
        this.hostAddresses = hostAddresses;
        this.origins = origins;
        this.bound = bound;
    }

    /** The default: loopback addresses and {@code localhost} only, and no cross-site origin. */
    public static BrowserPolicy loopbackOnly() {
        return LOOPBACK_ONLY;
    }

    /**
     * A policy from the command line's lists.
     *
     * @param allowedHosts host names or IP addresses (IPv6 with or without brackets), no scheme or port
     * @param corsOrigins  origins as browsers send them: {@code http} or {@code https}, {@code ://}, a
     *                     host and an optional port, no path (e.g. {@code http://localhost:5173})
     * @throws IllegalArgumentException naming the first entry that is not one, and why
     */
    public static BrowserPolicy of(List<String> allowedHosts, List<String> corsOrigins) {
        Objects.requireNonNull(allowedHosts, "allowedHosts");
        Objects.requireNonNull(corsOrigins, "corsOrigins");
        Set<String> names = new LinkedHashSet<>();
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String entry : allowedHosts) {
            HostAuthority host = allowedHost(entry);
            if (host.isIpLiteral()) {
                addresses.add(host.address());
            } else {
                names.add(host.name());
            }
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : corsOrigins) {
            origins.add(origin(entry));
        }
        return new BrowserPolicy(Set.copyOf(names), Set.copyOf(addresses), Set.copyOf(origins), null);
    }

    /**
     * This policy for a server bound to {@code address}: requests naming that address (or, for the
     * wildcard address, any IP literal) are then allowed, so an operator who binds 10.1.2.3 can call
     * {@code http://10.1.2.3:8000}.
     */
    public BrowserPolicy boundTo(InetAddress address) {
        return new BrowserPolicy(hostNames, hostAddresses, origins, Objects.requireNonNull(address, "address"));
    }

    /** Whether a request whose {@code Host} header (or absolute target) names {@code authority} is answered. */
    public boolean allowsHost(String authority) {
        HostAuthority host = HostAuthority.parse(authority);
        if (host == null) {
            return false;
        }
        if (!host.isIpLiteral()) {
            return host.name().equals("localhost") || hostNames.contains(host.name());
        }
        InetAddress address = host.address();
        return address.isLoopbackAddress() || hostAddresses.contains(address)
                || bound != null && (bound.isAnyLocalAddress() || bound.equals(address));
    }

    /** Whether a browser request from {@code origin} (its {@code Origin} header) is answered; "null" never is. */
    public boolean allowsOrigin(String origin) {
        if (origins.isEmpty() || origin == null) {
            return false;
        }
        try {
            return origins.contains(origin(origin));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether any cross-site origin is allowed, so that answers depend on the {@code Origin} header. */
    public boolean listsOrigins() {
        return !origins.isEmpty();
    }

    @Override
    public String toString() {
        return "BrowserPolicy[hosts=" + hostNames + " " + hostAddresses + ", origins=" + origins + ", bound=" + bound + "]";
    }

    private static HostAuthority allowedHost(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("an allowed host is empty");
        }
        String text = entry.strip();
        // An IPv6 address may be written without brackets, as on most command lines.
        boolean bareIpv6 = text.indexOf(':') != text.lastIndexOf(':') && text.charAt(0) != '[';
        HostAuthority host = HostAuthority.host(bareIpv6 ? "[" + text + "]" : text);
        if (host == null) {
            throw new IllegalArgumentException("allowed host '" + entry + "' is not a host name or IP address"
                    + " (write it without scheme, port or path, e.g. timetravel.example.com)");
        }
        return host;
    }

    /**
     * The canonical form of an origin, compared exactly: lower-case scheme and host, IP literals as
     * addresses, the default port (80 for http, 443 for https) left out as browsers leave it out.
     */
    private static String origin(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("a CORS origin is empty");
        }
        String text = entry.strip();
        int separator = text.indexOf("://");
        String scheme = separator < 0 ? "" : text.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("CORS origin '" + entry + "' must start with http:// or https://"
                    + " (an origin is scheme://host[:port], e.g. http://localhost:5173)");
        }
        String authority = text.substring(separator + 3);
        int path = firstOf(authority, "/?#");
        if (path >= 0) {
            throw new IllegalArgumentException("CORS origin '" + entry + "' must not have a path, query or fragment"
                    + " (write " + scheme + "://" + authority.substring(0, path) + ")");
        }
        HostAuthority host = authority.contains("@") ? null : HostAuthority.parse(authority);
        if (host == null) {
            throw new IllegalArgumentException("CORS origin '" + entry + "' has no valid host and port"
                    + " (an origin is scheme://host[:port], e.g. http://localhost:5173)");
        }
        int defaultPort = scheme.equals("http") ? 80 : 443;
        String hostKey = host.isIpLiteral() ? host.address().getHostAddress() : host.name();
        return scheme + "://" + hostKey + (host.port() < 0 || host.port() == defaultPort ? "" : ":" + host.port());
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
