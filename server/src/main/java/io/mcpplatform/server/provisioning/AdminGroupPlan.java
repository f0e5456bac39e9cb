package io.mcpplatform.server.provisioning;

import java.util.regex.Pattern;

/** The tenant's admin group: an existing group by object id, or a security group found or created by name. */
public sealed interface AdminGroupPlan {
    Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    /** A group that must already exist. */
    record Existing(String id) implements AdminGroupPlan {
        public Existing {
            if (id == null || !GUID.matcher(id).matches()) {
                throw new IllegalArgumentException("admin group id must be a GUID");
            }
        }
    }

    /** A security group with this display name; its stable key is {@link #mailNickname()}. */
    record Named(String displayName, String mailNickname) implements AdminGroupPlan {
        public Named {
            if (displayName == null || displayName.isBlank() || displayName.length() > 256) {
                throw new IllegalArgumentException("admin group name must be 1 to 256 characters");
            }
            if (mailNickname == null || !mailNickname.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("admin group nickname must be 1 to 64 letters, digits, '.', '-'"
                        + " or '_'");
            }
        }
    }
}
