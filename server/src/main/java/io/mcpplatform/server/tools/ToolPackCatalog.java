package io.mcpplatform.server.tools;

import io.mcpplatform.server.tools.conformance.ConformanceToolPack;
import io.mcpplatform.server.tools.echo.EchoToolPack;
import io.mcpplatform.tenants.Tenant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The tool packs this server knows, by name. Test fixtures (pack {@code conformance}) are known only when fixtures are
 * enabled. A tenant listing an unknown pack gets the others, with one warning line naming tenant and pack.
 */
public final class ToolPackCatalog {
    private static final Logger LOG = Logger.getLogger(ToolPackCatalog.class.getName());

    private final Map<String, ToolPack> packs;

    /** A catalogue of exactly these packs (names must be unique). */
    public ToolPackCatalog(List<ToolPack> packs) {
        Map<String, ToolPack> byName = new LinkedHashMap<>();
        for (ToolPack pack : packs) {
            if (byName.putIfAbsent(pack.name(), pack) != null) {
                throw new IllegalArgumentException("two tool packs named '" + pack.name() + "'");
            }
        }
        this.packs = Map.copyOf(byName);
    }

    /** The packs shipped with the server: {@code echo}, and {@code conformance} when fixtures are enabled. */
    public static ToolPackCatalog standard(boolean fixturesEnabled) {
        return standard(fixturesEnabled, List.of());
    }

    /** The standard packs plus packs that need the platform's services (e.g. {@code graph}, built with the OBO broker). */
    public static ToolPackCatalog standard(boolean fixturesEnabled, List<ToolPack> more) {
        List<ToolPack> list = new ArrayList<>();
        list.add(new EchoToolPack());
        if (fixturesEnabled) {
            list.add(new ConformanceToolPack());
        }
        list.addAll(more);
        return new ToolPackCatalog(list);
    }

    /** The pack with this name. */
    public Optional<ToolPack> find(String name) {
        return Optional.ofNullable(packs.get(name));
    }

    /** Names of all known packs. */
    public Set<String> names() {
        return packs.keySet();
    }

    /** The tenant's packs in its order; unknown names are skipped with a warning. */
    public List<ToolPack> packsFor(Tenant tenant) {
        List<ToolPack> result = new ArrayList<>();
        for (String name : tenant.toolPacks()) {
            ToolPack pack = packs.get(name);
            if (pack == null) {
                LOG.warning(() -> "tenant '" + tenant.slug() + "' lists unknown tool pack '" + name + "'; skipped");
            } else {
                result.add(pack);
            }
        }
        return result;
    }
}
