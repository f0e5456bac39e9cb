package io.mcpplatform.server.tools.identity;

import io.mcpplatform.server.graph.GraphException;
import io.mcpplatform.server.obo.OboException;

/**
 * The tool-error text for failures on the way to Graph that the user or an admin can act on. A required interaction
 * ({@link OboException.InteractionRequired}) is not one of them: it propagates for the transport's step-up answer.
 */
public final class GraphFailures {
    private GraphFailures() {
    }

    /** Missing admin consent (with the consent URL), Entra unreachable, or Graph's own error. */
    public static String message(RuntimeException e) {
        return switch (e) {
            case OboException.ConsentRequired c -> "An administrator of this organisation must grant consent to this "
                    + "app's Microsoft Graph permissions first. Admin consent: " + c.adminConsentUrl();
            case OboException.Unavailable u -> "Could not get a Microsoft Graph token from Entra: " + u.getMessage();
            case GraphException g -> g.getMessage();
            default -> throw e;
        };
    }
}
