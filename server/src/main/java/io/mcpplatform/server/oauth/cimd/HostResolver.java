package io.mcpplatform.server.oauth.cimd;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name (or IP literal) to every address it has. Injectable so tests never need real DNS. */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver ({@link InetAddress#getAllByName}); IP literals are parsed without a lookup. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
