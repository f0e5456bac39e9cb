package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DemoDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated attack matrix: every OAuth and MCP endpoint × every ordered pair of tenants with sign-in × attack,
 * against the whole platform on 127.0.0.1 (embedded PostgreSQL, stand-in Entra, users signed in through the real
 * flow). Each case asserts that the platform refused, precisely, and changed no row; the tally is printed as one
 * line ({@code ATTACK MATRIX: tried=N accepted=0 ...}) that {@code docs/security.md} quotes, and the last test fails
 * when any case was accepted or fewer than {@value #MINIMUM_CASES} ran.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackMatrixTest {
    static final int MINIMUM_CASES = 300;

    @TempDir
    static Path dir;
    static RunningPlatform running;
    static AttackContext ctx;

    @BeforeAll
    static void start() {
        DatabaseProbe db = new DatabaseProbe();
        running = RunningPlatform.start(dir, options -> options.withEmbeddedDatabase(db));
        ctx = new AttackContext(running, db, new AttackTally());
        ctx.signIn(DemoTenants.DEMO, DemoDirectories.ALICE, DemoDirectories.BOB, DemoDirectories.DEMO_TID,
                DemoDirectories.DEMO_CLIENT_ID, 53601);
        ctx.db.scope(ctx.homes.get(DemoTenants.DEMO));
        ctx.signIn(DemoTenants.CONTOSO, DemoDirectories.CAROL, DemoDirectories.DAVE, DemoDirectories.CONTOSO_TID,
                DemoDirectories.CONTOSO_CLIENT_ID, 53602);
        ctx.db.scope(ctx.homes.get(DemoTenants.CONTOSO));
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicNode> attacksOnEveryEndpointForEveryPairOfTenants() {
        List<DynamicNode> pairs = new ArrayList<>();
        for (AttackContext.Home home : ctx.homes.values()) {
            for (AttackContext.Home other : ctx.homes.values()) {
                if (home == other) {
                    continue;
                }
                BearerAttacks bearer = new BearerAttacks(ctx, home, other);
                List<DynamicNode> cases = new ArrayList<>(bearer.controls());
                cases.addAll(new FrontChannelAttacks(ctx, home, other).all());
                cases.addAll(new TokenAttacks(ctx, home, other).all());
                cases.addAll(bearer.all());
                cases.addAll(new AdminApiAttacks(ctx, home, other).all());
                pairs.add(DynamicContainer.dynamicContainer(home.slug() + " attacked, " + other.slug() + " foreign",
                        cases));
            }
        }
        return pairs.stream();
    }

    @Test
    @Order(2)
    void tallyWhenMatrixRanThenAtLeast300CasesAndNoneAccepted() {
        System.out.println(ctx.tally.line());
        assertEquals(0, ctx.tally.accepted(), ctx.tally.line());
        assertTrue(ctx.tally.tried() >= MINIMUM_CASES, ctx.tally.line());
    }
}
