package dev.poolse.examples.backend;

import dev.poolse.sdk.PoolseException;
import dev.poolse.sdk.admin.AdminUsersResource;
import dev.poolse.sdk.admin.MintedToken;
import dev.poolse.sdk.admin.PoolseAdmin;
import dev.poolse.spring.PoolseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /chat-token}: the token endpoint your web and mobile apps call. It mints a Poolse
 * end-user token for the signed-in user with the tenant API key, which never leaves the backend.
 *
 * <p><b>Sign-in is a stand-in here.</b> The user is whoever the {@value #USER_HEADER} header
 * names, so that the example can be tried with {@code curl}. In your backend this is your own
 * authentication: the user id of the session or of the verified access token (with Spring Security,
 * the {@code Principal}), never a value the client chooses.
 */
@RestController
public class ChatTokenController {
    /** The request header that names the user; stands in for real authentication. */
    public static final String USER_HEADER = "X-User-Id";

    private static final Logger LOG = LoggerFactory.getLogger(ChatTokenController.class);

    private final PoolseAdmin admin;
    private final String serviceAccount;

    /**
     * Creates the controller.
     *
     * @param admin mints the tokens (the starter's bean)
     * @param properties the {@code poolse.*} properties, for the service account's id
     */
    public ChatTokenController(PoolseAdmin admin, PoolseProperties properties) {
        this.admin = admin;
        this.serviceAccount = properties.getServiceAccount().getExternalId();
    }

    /**
     * Mints a token for the signed-in user, provisioning the user on first use.
     *
     * @param userId the {@value #USER_HEADER} header: the user's id in your system
     * @return the token and where to use it; {@code Cache-Control: no-store}, as a token must not
     *     be kept by caches
     * @throws Refused with 401 when no user is signed in, 400 for an id Poolse cannot take, 403
     *     for the service account's id (its tokens stay on the backend)
     */
    @GetMapping(path = "/chat-token", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ChatToken> chatToken(@RequestHeader(name = USER_HEADER, required = false) String userId) {
        String externalId = signedInUser(userId);
        MintedToken minted = admin.users().mintTokenFor(externalId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ChatToken.of(minted, admin.apiUrl()));
    }

    private String signedInUser(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Not signed in: send the " + USER_HEADER + " header (this example's stand-in for your sign-in)");
        }
        if (userId.length() > AdminUsersResource.MAX_EXTERNAL_ID_LENGTH
                || !userId.equals(userId.strip())
                || userId.chars().anyMatch(Character::isISOControl)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid_user_id", USER_HEADER + " must be 1 to "
                    + AdminUsersResource.MAX_EXTERNAL_ID_LENGTH
                    + " characters, without surrounding spaces or control characters");
        }
        if (userId.equals(serviceAccount)) {
            // Whoever holds a token of the bot can speak as the bot in all of its conversations.
            throw new Refused(HttpStatus.FORBIDDEN, "forbidden", "Tokens of the service account are not handed out");
        }
        return userId;
    }

    /**
     * Answers a refused request with its status and a JSON error.
     *
     * @param e the refusal
     * @return the error answer
     */
    @ExceptionHandler(Refused.class)
    public ResponseEntity<ErrorResponse> refused(Refused e) {
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponse.of(e.code, e.getMessage()));
    }

    /**
     * Answers 502 when Poolse did not mint the token (unreachable after the SDK's retries, or it
     * refused the key); the details go to the log, never to the app. The SDK's exception messages
     * never contain the key.
     *
     * @param e what the SDK reported
     * @return the error answer
     */
    @ExceptionHandler(PoolseException.class)
    public ResponseEntity<ErrorResponse> poolseFailed(PoolseException e) {
        LOG.warn("Could not mint a Poolse token: {}", e.toString());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponse.of("poolse_unavailable", "Chat is unavailable; try again later"));
    }

    /** A request this endpoint refuses, with the status and code of its answer. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The status of the answer. */
        private final HttpStatus status;
        /** The error code of the answer. */
        private final String code;

        Refused(HttpStatus status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
