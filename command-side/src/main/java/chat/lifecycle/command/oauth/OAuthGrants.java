package chat.lifecycle.command.oauth;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import chat.lifecycle.events.oauth.AuthorizationCodeIssued;
import chat.lifecycle.events.oauth.AuthorizationCodeRedeemed;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import chat.lifecycle.events.oauth.OAuthTokensIssued;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Everything one user granted to OAuth clients: authorization codes and access/refresh token pairs. Its own
 * aggregate, so OAuth traffic never contends with the user's status changes; its id is {@link #idOf}.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshots")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE) // snapshots hold the fields as they are
public class OAuthGrants {

    @AggregateIdentifier
    private String grantsId;
    private String userId;
    private int revokedBeforeEpoch;
    private final Map<String, Code> codesByHash = new HashMap<>();
    private final Map<String, Pair> pairsByRefreshHash = new HashMap<>();

    /** A code not yet redeemed; a redeemed one leaves the state, so it can never be redeemed again. */
    private record Code(String codeId, String clientId, String redirectUri, Instant expiresAt, int epoch) {
    }

    private record Pair(String tokenId, String clientId, Instant refreshExpiresAt, int epoch) {
    }

    protected OAuthGrants() {
        // for Axon's event sourcing
    }

    /** Aggregate ids share one namespace in the event store, so a user's grants get an id of their own. */
    public static String idOf(String userId) {
        return "oauth-grants:" + userId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(IssueAuthorizationCode command) {
        if (command.credentialEpoch() < revokedBeforeEpoch) {
            throw new OAuthGrantRefused("the user was deactivated while the code was being granted");
        }
        apply(new AuthorizationCodeIssued(command.userId(), command.codeId(), command.hashedCode(),
                command.clientId(), command.redirectUri(), command.expiresAt(), command.credentialEpoch()));
    }

    @CommandHandler
    public void handle(RedeemAuthorizationCode command) {
        NewTokenPair tokens = command.tokens();
        Code code = codesByHash.get(command.hashedCode());
        if (code == null || !tokens.now().isBefore(code.expiresAt())
                || !code.clientId().equals(command.clientId()) || !code.redirectUri().equals(command.redirectUri())) {
            throw new OAuthGrantRefused("invalid authorization code");
        }
        apply(new AuthorizationCodeRedeemed(userId, code.codeId()));
        apply(issued(tokens, command.clientId(), code.epoch(), null));
    }

    @CommandHandler
    public void handle(RefreshOAuthTokens command) {
        NewTokenPair tokens = command.tokens();
        Pair pair = pairsByRefreshHash.get(command.hashedRefreshToken());
        if (pair == null || !tokens.now().isBefore(pair.refreshExpiresAt())
                || !pair.clientId().equals(command.clientId())) {
            throw new OAuthGrantRefused("invalid refresh token");
        }
        apply(issued(tokens, command.clientId(), pair.epoch(), pair.tokenId()));
    }

    /** Answers the confirmation it recorded, or null when this deactivation's grants were already gone. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public OAuthGrantsRevoked handle(RevokeStaleOAuthGrants command) {
        if (grantsId != null && command.credentialEpoch() <= revokedBeforeEpoch) {
            return null;
        }
        List<String> codes = codesByHash.values().stream().filter(code -> code.epoch() < command.credentialEpoch())
                .map(Code::codeId).sorted().toList();
        List<String> pairs = pairsByRefreshHash.values().stream()
                .filter(pair -> pair.epoch() < command.credentialEpoch()).map(Pair::tokenId).sorted().toList();
        OAuthGrantsRevoked revoked = new OAuthGrantsRevoked(command.userId(), codes, pairs, command.credentialEpoch());
        apply(revoked);
        return revoked;
    }

    private OAuthTokensIssued issued(NewTokenPair tokens, String clientId, int epoch, String replaces) {
        return new OAuthTokensIssued(userId, tokens.tokenId(), clientId, tokens.hashedAccessToken(),
                tokens.accessExpiresAt(), tokens.hashedRefreshToken(), tokens.refreshExpiresAt(), epoch, replaces);
    }

    /** Expired codes and pairs are dropped as new ones arrive, so the state stays as small as what is live. */
    @EventSourcingHandler
    void on(AuthorizationCodeIssued event, @Timestamp Instant at) {
        grantsId = idOf(event.userId());
        userId = event.userId();
        codesByHash.values().removeIf(code -> !at.isBefore(code.expiresAt()));
        codesByHash.put(event.hashedCode(), new Code(event.codeId(), event.clientId(), event.redirectUri(),
                event.expiresAt(), event.credentialEpoch()));
    }

    @EventSourcingHandler
    void on(AuthorizationCodeRedeemed event) {
        codesByHash.values().removeIf(code -> code.codeId().equals(event.codeId()));
    }

    @EventSourcingHandler
    void on(OAuthTokensIssued event, @Timestamp Instant at) {
        pairsByRefreshHash.values().removeIf(pair -> !at.isBefore(pair.refreshExpiresAt()));
        if (event.replacesTokenId() != null) {
            pairsByRefreshHash.values().removeIf(pair -> pair.tokenId().equals(event.replacesTokenId()));
        }
        pairsByRefreshHash.put(event.hashedRefreshToken(), new Pair(event.tokenId(), event.clientId(),
                event.refreshExpiresAt(), event.credentialEpoch()));
    }

    @EventSourcingHandler
    void on(OAuthGrantsRevoked event) {
        grantsId = idOf(event.userId());
        userId = event.userId();
        codesByHash.values().removeIf(code -> code.epoch() < event.credentialEpoch());
        pairsByRefreshHash.values().removeIf(pair -> pair.epoch() < event.credentialEpoch());
        revokedBeforeEpoch = event.credentialEpoch();
    }
}
