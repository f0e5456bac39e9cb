package io.mcpplatform.devstack.graph;

import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DemoUser;

import java.util.List;
import java.util.Map;

/**
 * What the stand-in Graph knows about the demo users: profile, transitive groups, recent files. Alice is in the demo
 * administrators group, Bob is not; Carol administers contoso, Dave does not.
 */
public final class DemoGraph {
    /** The demo tenant's administrators group. */
    public static final String DEMO_ADMIN_GROUP = "0ad0a000-0000-4000-8000-00000000ad01";
    /** Everyone in demo. */
    public static final String DEMO_EVERYONE_GROUP = "0e0e0e00-0000-4000-8000-0000000e0e01";
    /** Demo engineering. */
    public static final String DEMO_ENGINEERING_GROUP = "0e9e9000-0000-4000-8000-0000000e9e01";
    /** The contoso tenant's administrators group. */
    public static final String CONTOSO_ADMIN_GROUP = "c0ad0000-0000-4000-8000-00000000ad02";
    /** Everyone in contoso. */
    public static final String CONTOSO_EVERYONE_GROUP = "c0e0e000-0000-4000-8000-0000000e0e02";

    /**
     * Users holding a directory role that may manage applications and grant admin consent (Alice in demo, Carol in
     * contoso); the application-management routes refuse writes by anyone else (Authorization_RequestDenied).
     */
    public static final java.util.Set<String> DIRECTORY_ADMINS = java.util.Set.of(DemoDirectories.ALICE.oid(),
            DemoDirectories.CAROL.oid());

    /** One user's data. */
    public record Person(DemoUser user, String jobTitle, List<Group> groups, List<File> recent) {
        public Person {
            groups = List.copyOf(groups);
            recent = List.copyOf(recent);
        }
    }

    /** A group. */
    public record Group(String id, String displayName) {
    }

    /** A recently used file. */
    public record File(String id, String name, String lastModified, long size) {
    }

    private static final Group DEMO_ADMINS = new Group(DEMO_ADMIN_GROUP, "Demo Administrators");
    private static final Group DEMO_EVERYONE = new Group(DEMO_EVERYONE_GROUP, "Demo Everyone");
    private static final Group DEMO_ENGINEERING = new Group(DEMO_ENGINEERING_GROUP, "Demo Engineering");
    private static final Group CONTOSO_ADMINS = new Group(CONTOSO_ADMIN_GROUP, "Contoso Administrators");
    private static final Group CONTOSO_EVERYONE = new Group(CONTOSO_EVERYONE_GROUP, "Contoso Everyone");

    private DemoGraph() {
    }

    /** Alice, Bob, Carol and Dave by oid. */
    public static Map<String, Person> people() {
        return Map.of(
                DemoDirectories.ALICE.oid(), new Person(DemoDirectories.ALICE, "Platform Administrator",
                        List.of(DEMO_ADMINS, DEMO_EVERYONE, DEMO_ENGINEERING),
                        List.of(new File("01ALICE1", "Roadmap.docx", "2026-11-20T09:15:00Z", 48_213),
                                new File("01ALICE2", "Budget.xlsx", "2026-11-19T16:02:00Z", 102_400),
                                new File("01ALICE3", "Architecture.pptx", "2026-11-18T11:30:00Z", 2_048_000))),
                DemoDirectories.BOB.oid(), new Person(DemoDirectories.BOB, "Sales Representative",
                        List.of(DEMO_EVERYONE),
                        List.of(new File("01BOB1", "Pipeline.xlsx", "2026-11-21T08:00:00Z", 65_536))),
                DemoDirectories.CAROL.oid(), new Person(DemoDirectories.CAROL, "IT Director",
                        List.of(CONTOSO_ADMINS, CONTOSO_EVERYONE),
                        List.of(new File("01CAROL1", "Policies.docx", "2026-11-22T10:00:00Z", 30_000))),
                DemoDirectories.DAVE.oid(), new Person(DemoDirectories.DAVE, "Analyst",
                        List.of(CONTOSO_EVERYONE), List.of()));
    }
}
