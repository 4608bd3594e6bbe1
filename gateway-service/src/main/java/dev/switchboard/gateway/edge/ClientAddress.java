package dev.switchboard.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a request comes from: the peer's address, unless the peer is a trusted proxy; then the right-most address of
 * {@code X-Forwarded-For} that is not one. Whatever stands left of it the client wrote itself, and proves nothing.
 */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** An IP literal: only these are parsed, so that a forged entry never causes a DNS lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F.]*:[0-9a-fA-F:.]*");

    private final List<Range> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).filter(p -> !p.isEmpty()).map(Range::of)
                .toList();
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String address = remote == null || remote.getAddress() == null ? "unknown"
                : remote.getAddress().getHostAddress();
        List<String> forwarded = request.getHeaders().getValuesAsList(FORWARDED_FOR);
        for (int i = forwarded.size() - 1; i >= 0 && trusted(address); i--) {
            address = forwarded.get(i).strip();
        }
        return address;
    }

    private boolean trusted(String address) {
        if (!IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        byte[] bytes = literal(address);
        return bytes != null && trustedProxies.stream().anyMatch(range -> range.contains(bytes));
    }

    private static byte[] literal(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address, or a CIDR range such as 10.0.0.0/8. */
    private record Range(byte[] network, int bits) {

        static Range of(String range) {
            String[] parts = range.split("/", 2);
            byte[] network = IP_LITERAL.matcher(parts[0]).matches() ? literal(parts[0]) : null;
            int bits = network == null ? -1 : parts.length == 1 ? network.length * 8
                    : parts[1].matches("[0-9]{1,3}") ? Integer.parseInt(parts[1]) : -1;
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("trusted-proxies: '" + range + "' is no IP address or CIDR range");
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
