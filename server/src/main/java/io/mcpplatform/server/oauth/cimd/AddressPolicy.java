package io.mcpplatform.server.oauth.cimd;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses a metadata-document fetch may connect to: public unicast only.
 *
 * <p>IPv4: everything in the special-purpose registry that is not globally routable is refused (this, private,
 * CGNAT, loopback, link-local incl. the cloud metadata address, IETF protocol assignments, documentation,
 * benchmarking, multicast, reserved, broadcast) plus the Azure wire server {@code 168.63.129.16}.
 * IPv6: only global unicast {@code 2000::/3} is allowed, minus documentation, Teredo, 6to4, ORCHID and benchmarking;
 * this refuses {@code ::}, {@code ::1}, IPv4-compatible and NAT64 forms, {@code fc00::/7}, {@code fe80::/10},
 * {@code fec0::/10} and {@code ff00::/8}. An IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
public final class AddressPolicy {

    private record Block(byte[] prefix, int bits, String name) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Block> FORBIDDEN_V4 = List.of(
            block("0.0.0.0", 8, "this network / unspecified"),
            block("10.0.0.0", 8, "private"),
            block("100.64.0.0", 10, "carrier-grade NAT"),
            block("127.0.0.0", 8, "loopback"),
            block("169.254.0.0", 16, "link-local / cloud metadata"),
            block("172.16.0.0", 12, "private"),
            block("192.0.0.0", 24, "IETF protocol assignments"),
            block("192.0.2.0", 24, "documentation"),
            block("192.88.99.0", 24, "6to4 relay anycast"),
            block("192.168.0.0", 16, "private"),
            block("198.18.0.0", 15, "benchmarking"),
            block("198.51.100.0", 24, "documentation"),
            block("203.0.113.0", 24, "documentation"),
            block("224.0.0.0", 4, "multicast"),
            block("240.0.0.0", 4, "reserved / broadcast"),
            block("168.63.129.16", 32, "Azure wire server"));

    private static final Block GLOBAL_UNICAST_V6 = block("2000::", 3, "global unicast");

    private static final List<Block> FORBIDDEN_V6_IN_GLOBAL = List.of(
            block("2001::", 32, "Teredo"),
            block("2001:2::", 48, "benchmarking"),
            block("2001:10::", 28, "ORCHID"),
            block("2001:20::", 28, "ORCHIDv2"),
            block("2001:db8::", 32, "documentation"),
            block("2002::", 16, "6to4"),
            block("3fff::", 20, "documentation"));

    private AddressPolicy() {
    }

    /** Why {@code address} must not be connected to, or empty when it is a public unicast address. */
    public static Optional<String> forbiddenReason(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isV4Mapped(bytes)) {
            byte[] v4 = new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
            return firstMatch(FORBIDDEN_V4, v4).map(name -> "IPv4-mapped " + name);
        }
        if (address instanceof Inet4Address) {
            return firstMatch(FORBIDDEN_V4, bytes);
        }
        if (!GLOBAL_UNICAST_V6.contains(bytes)) {
            return Optional.of(describeNonGlobalV6(bytes));
        }
        return firstMatch(FORBIDDEN_V6_IN_GLOBAL, bytes);
    }

    private static String describeNonGlobalV6(byte[] b) {
        int first = b[0] & 0xFF;
        boolean zeroPrefix = true;
        for (int i = 0; i < 15; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix && b[15] == 0) {
            return "unspecified";
        }
        if (zeroPrefix && b[15] == 1) {
            return "loopback";
        }
        if (first == 0xFF) {
            return "multicast";
        }
        if ((first & 0xFE) == 0xFC) {
            return "unique-local";
        }
        if (first == 0xFE && (b[1] & 0xC0) == 0x80) {
            return "link-local";
        }
        if (first == 0xFE && (b[1] & 0xC0) == 0xC0) {
            return "site-local";
        }
        return "not IPv6 global unicast (IPv4-compatible, NAT64, discard or reserved)";
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }

    private static Optional<String> firstMatch(List<Block> blocks, byte[] address) {
        return blocks.stream().filter(b -> b.contains(address)).map(Block::name).findFirst();
    }

    private static Block block(String literal, int bits, String name) {
        try {
            byte[] prefix = InetAddress.getByName(literal).getAddress();
            return new Block(prefix, bits, name);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad literal " + literal, e);
        }
    }
}
