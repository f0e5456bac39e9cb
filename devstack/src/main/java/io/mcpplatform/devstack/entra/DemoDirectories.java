package io.mcpplatform.devstack.entra;

import java.util.List;

/**
 * The fixed Entra identities of the local platform: the {@code demo} and {@code contoso} directories, their app
 * registrations and users. GUIDs are fixed so data keyed by (tenant, oid) survives restarts.
 */
public final class DemoDirectories {
    /** Directory of the {@code demo} tenant. */
    public static final String DEMO_TID = "7d3c9f0e-5b1a-4c2d-8e6f-0a1b2c3d4e5f";
    /** App registration of the {@code demo} tenant. */
    public static final String DEMO_CLIENT_ID = "3f6e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9";
    /** Directory of the {@code contoso} tenant. */
    public static final String CONTOSO_TID = "b1e2c3d4-a5f6-4789-9abc-def012345678";
    /** App registration of the {@code contoso} tenant. */
    public static final String CONTOSO_CLIENT_ID = "c9d8e7f6-0a1b-4c2d-9e3f-4a5b6c7d8e9f";

    /**
     * The platform's own app registration (in the demo directory): Entra tokens for it with app role
     * {@code Platform.Admin} make a platform operator of the admin API.
     */
    public static final String PLATFORM_CLIENT_ID = "5a1f0e2d-3c4b-4a69-8b7c-6d5e4f3a2b1c";

    public static final DemoUser ALICE = new DemoUser("a11ce000-0000-4000-8000-00000000a11c", "Alice Demo",
            "alice@demo.example");
    public static final DemoUser BOB = new DemoUser("b0b00000-0000-4000-8000-000000000b0b", "Bob Demo",
            "bob@demo.example");
    public static final DemoUser CAROL = new DemoUser("ca401000-0000-4000-8000-0000000ca401", "Carol Contoso",
            "carol@contoso.example");
    public static final DemoUser DAVE = new DemoUser("da7e0000-0000-4000-8000-000000000da7", "Dave Contoso",
            "dave@contoso.example");

    private DemoDirectories() {
    }

    /** How many generated load-test users the demo directory has besides Alice and Bob. */
    public static final int LOAD_USERS = 50;

    /** {@code demo} (Alice, Bob and {@link #loadUser(int) load users}) and {@code contoso} (Carol, Dave). */
    public static List<StandInDirectory> all() {
        java.util.List<DemoUser> demo = new java.util.ArrayList<>(List.of(ALICE, BOB));
        for (int i = 1; i <= LOAD_USERS; i++) {
            demo.add(loadUser(i));
        }
        return List.of(new StandInDirectory(DEMO_TID, demo),
                new StandInDirectory(CONTOSO_TID, List.of(CAROL, DAVE)));
    }

    /** Generated user {@code n} (1–{@value #LOAD_USERS}) of the demo directory, for benchmarks: {@code user07@demo.example}. */
    public static DemoUser loadUser(int n) {
        return new DemoUser(java.util.UUID.nameUUIDFromBytes(("demo-load-user-" + n).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString(), "Load User " + n,
                String.format("user%02d@demo.example", n));
    }
}
