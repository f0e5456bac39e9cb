package io.mcpplatform.server.oauth.cimd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    /** Every class of address a metadata-document fetch must never reach. */
    static String[] forbidden() {
        return FORBIDDEN;
    }

    static final String[] FORBIDDEN = {
        "0.0.0.0", "0.1.2.3",                                // this network / unspecified
        "10.0.0.1", "10.255.255.255",                         // private 10/8
        "172.16.0.1", "172.31.255.254",                       // private 172.16/12
        "192.168.0.1", "192.168.255.255",                     // private 192.168/16
        "127.0.0.1", "127.255.255.254",                       // loopback
        "169.254.169.254", "169.254.0.1",                     // link-local, cloud metadata
        "100.64.0.1", "100.127.255.254",                      // CGNAT
        "168.63.129.16",                                      // Azure wire server
        "224.0.0.1", "239.255.255.250",                       // multicast
        "255.255.255.255", "240.0.0.1",                       // broadcast, reserved
        "192.0.0.170", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", // special purpose, docs, bench
        "::", "::1",                                          // unspecified, loopback
        "fc00::1", "fd12:3456:789a::1",                       // unique-local fc00::/7
        "fe80::1", "febf:ffff::1",                            // link-local fe80::/10
        "fec0::1",                                            // site-local (deprecated)
        "ff02::1", "ff05::2",                                 // multicast
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:168.63.129.16", // IPv4-mapped
        "::127.0.0.1", "::10.0.0.1",                          // IPv4-compatible
        "64:ff9b::a9fe:a9fe",                                 // NAT64 of 169.254.169.254
        "2002:7f00:1::1", "2002:a9fe:a9fe::1",                // 6to4 wrapping loopback / metadata
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",               // Teredo
        "2001:db8::1",                                        // documentation
        "100::1",                                             // discard-only
    };

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("forbidden")
    void forbiddenWhenSpecialPurposeAddress(String literal) throws Exception {
        Optional<String> reason = AddressPolicy.forbiddenReason(literal(literal));
        assertTrue(reason.isPresent(), literal + " must be refused");
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "169.253.1.1", "168.63.129.17",
        "2606:4700::1111", "2a00:1450:4001:82b::200e", "::ffff:93.184.215.14"})
    void allowedWhenPublicUnicast(String literal) throws Exception {
        assertEquals(Optional.empty(), AddressPolicy.forbiddenReason(literal(literal)));
    }

    @ParameterizedTest(name = "{0} as a raw IPv6 object is judged by its IPv4")
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.1.1"})
    void forbiddenWhenIpv4MappedKeptAsInet6Address(String v4) throws Exception {
        byte[] b4 = InetAddress.getByName(v4).getAddress();
        byte[] b16 = new byte[16];
        b16[10] = (byte) 0xFF;
        b16[11] = (byte) 0xFF;
        System.arraycopy(b4, 0, b16, 12, 4);
        InetAddress mapped = Inet6Address.getByAddress(null, b16, -1);
        assertTrue(mapped instanceof Inet6Address);
        assertTrue(AddressPolicy.forbiddenReason(mapped).orElseThrow().startsWith("IPv4-mapped"));
    }

    /**
     * Parses an IP literal without DNS. The JDK turns {@code ::ffff:a.b.c.d} into an {@link Inet4Address}; rebuild
     * such a literal as an {@link Inet6Address} so the IPv6 branch of the policy is exercised too.
     */
    static InetAddress literal(String text) throws Exception {
        InetAddress parsed = InetAddress.getByName(text);
        if (text.contains(":") && parsed instanceof Inet4Address v4) {
            byte[] b16 = new byte[16];
            b16[10] = (byte) 0xFF;
            b16[11] = (byte) 0xFF;
            System.arraycopy(v4.getAddress(), 0, b16, 12, 4);
            return Inet6Address.getByAddress(null, b16, -1);
        }
        return parsed;
    }
}
