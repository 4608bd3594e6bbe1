package dev.switchboard.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", " 192.0.2.1 "));

    @Test
    void aForwardedForFromAnUntrustedPeerIsIgnored() {
        // Given a client that is no trusted proxy, When it claims another address, Then its own address counts
        assertThat(behindProxies.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(new ClientAddress(List.of()).of(request("10.1.2.3", "198.51.100.1"))).isEqualTo("10.1.2.3");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedAddressIsTheClient() {
        // Given a chain client -> 192.0.2.1 -> 10.1.2.3 -> gateway, with a forged entry the client wrote first
        MockServerHttpRequest request = request("10.1.2.3", "1.2.3.4, 203.0.113.9", "192.0.2.1");

        // When its address is asked, Then it is the one the first trusted proxy saw, not the forged one
        assertThat(behindProxies.of(request)).isEqualTo("203.0.113.9");
        // and a forged host name is taken as a name, never looked up
        assertThat(behindProxies.of(request("10.1.2.3", "evil.example"))).isEqualTo("evil.example");
    }

    @Test
    void aTrustedProxyThatIsNoAddressOrRangeIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
                .hasMessageContaining("'proxy.internal' is no IP address or CIDR range");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
                .hasMessageContaining("'10.0.0.0/33' is no IP address or CIDR range");
    }

    private static MockServerHttpRequest request(String peer, String... forwardedFor) {
        return MockServerHttpRequest.get("/api/v1/auth/token").remoteAddress(new InetSocketAddress(peer, 40000))
                .header(ClientAddress.FORWARDED_FOR, forwardedFor).build();
    }
}
