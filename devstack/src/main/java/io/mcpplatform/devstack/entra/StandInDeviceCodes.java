package io.mcpplatform.devstack.entra;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Entra's device authorization grant (RFC 8628) for the stand-in: {@code POST /{tid}/oauth2/v2.0/devicecode} answers
 * {@code device_code}, {@code user_code}, {@code verification_uri}, {@code expires_in}, {@code interval} and
 * {@code message} as Entra does; the token endpoint's {@code urn:ietf:params:oauth:grant-type:device_code} grant
 * (or {@code device_code}, as Entra also accepts and msal4j sends)
 * answers {@code authorization_pending} (AADSTS70016) until a test approves the code as a demo user (then tokens,
 * once), {@code authorization_declined} once declined, {@code expired_token} (AADSTS70020) once expired and
 * {@code bad_verification_code} for a code it never issued. There is no browser page: tests approve through
 * {@link EntraStandIn#approveDeviceCode}.
 */
final class StandInDeviceCodes {
    /** The device code grant type (RFC 8628). */
    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** The short form Entra also accepts, which msal4j sends. */
    static final String GRANT_SHORT = "device_code";
    /** Where Entra sends the user. */
    static final String VERIFICATION_URI = "https://microsoft.com/devicelogin";
    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USER_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Duration interval;
    private final Map<String, Pending> byDeviceCode = new ConcurrentHashMap<>();

    StandInDeviceCodes(Duration interval) {
        this.interval = interval;
    }

    /** What the token endpoint answers for one poll. */
    sealed interface Poll {
        /** An Entra error: {@code error}, its AADSTS code and description. */
        record Refused(String error, int code, String description) implements Poll {
        }

        /** Approved: tokens for this user. */
        record Approved(String tid, String clientId, DemoUser user, String scope) implements Poll {
        }
    }

    /** A new device code for this directory, client and scope; the devicecode endpoint's answer. */
    Map<String, Object> start(String tid, String clientId, String scope) {
        String deviceCode = random();
        String userCode = userCode();
        byDeviceCode.put(deviceCode, new Pending(tid, clientId, scope, userCode, Instant.now().plus(LIFETIME)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_code", userCode);
        body.put("device_code", deviceCode);
        body.put("verification_uri", VERIFICATION_URI);
        body.put("expires_in", LIFETIME.toSeconds());
        body.put("interval", Math.max(1, interval.toSeconds()));
        body.put("message", "To sign in, use a web browser to open the page " + VERIFICATION_URI + " and enter the"
                + " code " + userCode + " to authenticate.");
        return body;
    }

    /** One poll of the token endpoint. */
    Poll poll(String tid, String clientId, String deviceCode) {
        Pending pending = deviceCode == null ? null : byDeviceCode.get(deviceCode);
        if (pending == null || !pending.tid.equals(tid) || !pending.clientId.equals(clientId)) {
            return new Poll.Refused("bad_verification_code", 70000, "The provided device code is not valid for"
                    + " this client.");
        }
        pending.polls.incrementAndGet();
        if (pending.expired || Instant.now().isAfter(pending.expiresAt)) {
            byDeviceCode.remove(deviceCode);
            return new Poll.Refused("expired_token", 70020, "The provided value for the input parameter"
                    + " 'device_code' is not valid. This device code has expired.");
        }
        if (pending.declined) {
            byDeviceCode.remove(deviceCode);
            return new Poll.Refused("authorization_declined", 70000, "The end user declined the authorization"
                    + " request.");
        }
        if (pending.user == null) {
            return new Poll.Refused("authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is"
                    + " pending. Continue polling.");
        }
        byDeviceCode.remove(deviceCode);
        return new Poll.Approved(pending.tid, pending.clientId, pending.user, pending.scope);
    }

    /** The user codes waiting for approval (in no particular order). */
    List<String> pendingUserCodes() {
        return byDeviceCode.values().stream().filter(p -> p.user == null && !p.declined && !p.expired)
                .map(p -> p.userCode).toList();
    }

    /** How often the token endpoint was polled for this user code. */
    int polls(String userCode) {
        return find(userCode).map(p -> p.polls.get()).orElse(0);
    }

    /** Approves as this user, who must belong to the code's directory. */
    void approve(String userCode, StandInDirectory directory, DemoUser user) {
        Pending p = find(userCode).orElseThrow(() -> new IllegalArgumentException("no pending user code " + userCode));
        if (!p.tid.equals(directory.tid()) || directory.users().stream().noneMatch(u -> u.oid().equals(user.oid()))) {
            throw new IllegalArgumentException(user.username() + " is not a user of directory " + p.tid);
        }
        p.user = user;
    }

    void decline(String userCode) {
        find(userCode).orElseThrow(() -> new IllegalArgumentException("no pending user code " + userCode))
                .declined = true;
    }

    void expire(String userCode) {
        find(userCode).orElseThrow(() -> new IllegalArgumentException("no pending user code " + userCode))
                .expired = true;
    }

    private Optional<Pending> find(String userCode) {
        return byDeviceCode.values().stream().filter(p -> p.userCode.equals(userCode)).findFirst();
    }

    private static String userCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            code.append(USER_CODE_LETTERS.charAt(RANDOM.nextInt(USER_CODE_LETTERS.length())));
        }
        return code.toString();
    }

    private static String random() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final class Pending {
        final String tid;
        final String clientId;
        final String scope;
        final String userCode;
        final Instant expiresAt;
        final AtomicInteger polls = new AtomicInteger();
        volatile DemoUser user;
        volatile boolean declined;
        volatile boolean expired;

        Pending(String tid, String clientId, String scope, String userCode, Instant expiresAt) {
            this.tid = tid;
            this.clientId = clientId;
            this.scope = scope;
            this.userCode = userCode;
            this.expiresAt = expiresAt;
        }
    }
}
