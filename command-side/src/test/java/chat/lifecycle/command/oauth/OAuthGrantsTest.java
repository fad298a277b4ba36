package chat.lifecycle.command.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.oauth.AuthorizationCodeIssued;
import chat.lifecycle.events.oauth.AuthorizationCodeRedeemed;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import chat.lifecycle.events.oauth.OAuthTokensIssued;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OAuthGrantsTest {

    private static final String USER_ID = "aliceId";
    private static final String GRANTS_ID = OAuthGrants.idOf(USER_ID);
    private static final String CLIENT = "client-1";
    private static final String OTHER_CLIENT = "client-2";
    private static final String REDIRECT = "https://client.example.org/callback";
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant CODE_EXPIRES = NOW.plus(Duration.ofMinutes(10));
    private static final Duration ACCESS_LIFETIME = Duration.ofHours(1);
    private static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    private FixtureConfiguration<OAuthGrants> fixture;

    /** Events are stamped at {@link #NOW}: the aggregate drops codes and pairs already expired when new ones arrive. */
    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthGrants.class);
        fixture.givenCurrentTime(NOW);
    }

    private static AuthorizationCodeIssued codeIssued(String codeId, int epoch) {
        return new AuthorizationCodeIssued(USER_ID, codeId, "code-hash-" + codeId, CLIENT, REDIRECT, CODE_EXPIRES,
                epoch);
    }

    private static IssueAuthorizationCode issueCode(String codeId, int epoch) {
        return new IssueAuthorizationCode(GRANTS_ID, USER_ID, codeId, "code-hash-" + codeId, CLIENT, REDIRECT,
                CODE_EXPIRES, epoch);
    }

    /** A pair minted by the caller at {@code now}, its lifetimes counted from {@link #NOW}. */
    private static NewTokenPair pair(String tokenId, Instant now) {
        return new NewTokenPair(tokenId, "access-hash-" + tokenId, NOW.plus(ACCESS_LIFETIME),
                "refresh-hash-" + tokenId, NOW.plus(REFRESH_LIFETIME), now);
    }

    private static OAuthTokensIssued tokensIssued(String tokenId, int epoch, String replaces) {
        return new OAuthTokensIssued(USER_ID, tokenId, CLIENT, "access-hash-" + tokenId, NOW.plus(ACCESS_LIFETIME),
                "refresh-hash-" + tokenId, NOW.plus(REFRESH_LIFETIME), epoch, replaces);
    }

    private static RedeemAuthorizationCode redeem(String codeId, String tokenId) {
        return new RedeemAuthorizationCode(GRANTS_ID, "code-hash-" + codeId, CLIENT, REDIRECT, pair(tokenId, NOW));
    }

    private static RefreshOAuthTokens refresh(String oldTokenId, String newTokenId) {
        return new RefreshOAuthTokens(GRANTS_ID, "refresh-hash-" + oldTokenId, CLIENT, pair(newTokenId, NOW));
    }

    private static RevokeStaleOAuthGrants revokeStale(int epoch) {
        return new RevokeStaleOAuthGrants(GRANTS_ID, USER_ID, epoch);
    }

    @Nested
    class Housekeeping {

        @Test
        void aCodeGrantedInAnEpochAlreadyRevokedIsRefused() {
            fixture.given(new OAuthGrantsRevoked(USER_ID, List.of(), List.of(), 2))
                    .when(issueCode("code-late", 1))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void expiredCodesAreDroppedWhenANewOneArrivesSoTheyAreNotListedAsRevoked() {
            Instant later = CODE_EXPIRES.plusSeconds(1);
            fixture.givenCurrentTime(NOW)
                    .andGiven(codeIssued("code-a", 0))
                    .andGivenCurrentTime(later)
                    .andGiven(new AuthorizationCodeIssued(USER_ID, "code-b", "code-hash-code-b", CLIENT, REDIRECT,
                            later.plusSeconds(60), 0))
                    .when(revokeStale(1))
                    .expectEvents(new OAuthGrantsRevoked(USER_ID, List.of("code-b"), List.of(), 1));
        }

        @Test
        void aRedeemedCodeIsNotListedAsRevoked() {
            fixture.given(codeIssued("code-a", 0), new AuthorizationCodeRedeemed(USER_ID, "code-a"),
                            tokensIssued("pair-a", 0, null))
                    .when(revokeStale(1))
                    .expectEvents(new OAuthGrantsRevoked(USER_ID, List.of(), List.of("pair-a"), 1));
        }
    }

    @Nested
    class AuthorizationCodes {

        @Test
        void theGrantsIdIsDerivedFromTheUserId() {
            assertThat(OAuthGrants.idOf(USER_ID)).isEqualTo("oauth-grants:aliceId");
        }

        @Test
        void issuingTheFirstCodeCreatesTheUsersGrants() {
            fixture.givenNoPriorActivity()
                    .when(issueCode("code-1", 2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(codeIssued("code-1", 2));
        }

        @Test
        void issuingAnotherCodeAddsItToTheExistingGrants() {
            fixture.given(codeIssued("code-1", 0))
                    .when(issueCode("code-2", 0))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(codeIssued("code-2", 0));
        }

        @Test
        void aFreshlyIssuedCodeCanBeRedeemed() {
            fixture.givenCommands(issueCode("code-1", 0))
                    .when(redeem("code-1", "pair-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AuthorizationCodeRedeemed(USER_ID, "code-1"), tokensIssued("pair-1", 0, null));
        }

        @Test
        void redeemingACodeEmitsItsRedemptionAndATokenPairOfTheCodesEpoch() {
            fixture.given(codeIssued("code-1", 3))
                    .when(redeem("code-1", "pair-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AuthorizationCodeRedeemed(USER_ID, "code-1"), tokensIssued("pair-1", 3, null));
        }

        @Test
        void aCodeIsRedeemableJustBeforeItExpires() {
            fixture.given(codeIssued("code-1", 0))
                    .when(new RedeemAuthorizationCode(GRANTS_ID, "code-hash-code-1", CLIENT, REDIRECT,
                            pair("pair-1", CODE_EXPIRES.minusMillis(1))))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AuthorizationCodeRedeemed(USER_ID, "code-1"), tokensIssued("pair-1", 0, null));
        }

        @Test
        void redeemingACodeTwiceIsRefused() {
            fixture.given(codeIssued("code-1", 0))
                    .andGivenCommands(redeem("code-1", "pair-1"))
                    .when(redeem("code-1", "pair-2"))
                    .expectException(OAuthGrantRefused.class)
                    .expectExceptionMessage("invalid authorization code")
                    .expectNoEvents();
        }

        @Test
        void redeemingACodeWithAnotherClientIsRefused() {
            fixture.given(codeIssued("code-1", 0))
                    .when(new RedeemAuthorizationCode(GRANTS_ID, "code-hash-code-1", OTHER_CLIENT, REDIRECT,
                            pair("pair-1", NOW)))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void redeemingACodeWithAnotherRedirectUriIsRefused() {
            fixture.given(codeIssued("code-1", 0))
                    .when(new RedeemAuthorizationCode(GRANTS_ID, "code-hash-code-1", CLIENT,
                            "https://evil.example.org/callback", pair("pair-1", NOW)))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void redeemingAnUnknownCodeIsRefused() {
            fixture.given(codeIssued("code-1", 0))
                    .when(new RedeemAuthorizationCode(GRANTS_ID, "code-hash-unknown", CLIENT, REDIRECT,
                            pair("pair-1", NOW)))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void redeemingACodeAtItsExpiryIsRefused() {
            fixture.given(codeIssued("code-1", 0))
                    .when(new RedeemAuthorizationCode(GRANTS_ID, "code-hash-code-1", CLIENT, REDIRECT,
                            pair("pair-1", CODE_EXPIRES)))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void redeemingACodeAfterItsExpiryIsRefused() {
            fixture.given(codeIssued("code-1", 0))
                    .when(new RedeemAuthorizationCode(GRANTS_ID, "code-hash-code-1", CLIENT, REDIRECT,
                            pair("pair-1", CODE_EXPIRES.plusSeconds(1))))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Refreshing {

        /** A code of epoch 2 redeemed for pair-1. */
        private Object[] redeemedPair() {
            return new Object[] {
                    codeIssued("code-1", 2),
                    new AuthorizationCodeRedeemed(USER_ID, "code-1"),
                    tokensIssued("pair-1", 2, null)};
        }

        @Test
        void refreshingIssuesANewPairOfTheSameEpochThatReplacesTheOldOne() {
            fixture.given(redeemedPair())
                    .when(refresh("pair-1", "pair-2"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(tokensIssued("pair-2", 2, "pair-1"));
        }

        @Test
        void theReplacedRefreshTokenNoLongerWorks() {
            fixture.given(redeemedPair())
                    .andGivenCommands(refresh("pair-1", "pair-2"))
                    .when(refresh("pair-1", "pair-3"))
                    .expectException(OAuthGrantRefused.class)
                    .expectExceptionMessage("invalid refresh token")
                    .expectNoEvents();
        }

        @Test
        void theNewRefreshTokenWorks() {
            fixture.given(redeemedPair())
                    .andGivenCommands(refresh("pair-1", "pair-2"))
                    .when(refresh("pair-2", "pair-3"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(tokensIssued("pair-3", 2, "pair-2"));
        }

        @Test
        void refreshingWithAnotherClientIsRefused() {
            fixture.given(redeemedPair())
                    .when(new RefreshOAuthTokens(GRANTS_ID, "refresh-hash-pair-1", OTHER_CLIENT,
                            pair("pair-2", NOW)))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void refreshingWithAnUnknownRefreshTokenIsRefused() {
            fixture.given(redeemedPair())
                    .when(new RefreshOAuthTokens(GRANTS_ID, "refresh-hash-unknown", CLIENT, pair("pair-2", NOW)))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void anAccessTokenHashIsNoRefreshToken() {
            fixture.given(redeemedPair())
                    .when(new RefreshOAuthTokens(GRANTS_ID, "access-hash-pair-1", CLIENT, pair("pair-2", NOW)))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void refreshingAtTheRefreshExpiryIsRefused() {
            fixture.given(redeemedPair())
                    .when(new RefreshOAuthTokens(GRANTS_ID, "refresh-hash-pair-1", CLIENT,
                            pair("pair-2", NOW.plus(REFRESH_LIFETIME))))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void refreshingAfterTheRefreshExpiryIsRefused() {
            fixture.given(redeemedPair())
                    .when(new RefreshOAuthTokens(GRANTS_ID, "refresh-hash-pair-1", CLIENT,
                            pair("pair-2", NOW.plus(REFRESH_LIFETIME).plusSeconds(1))))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void refreshingAfterTheAccessTokenExpiredStillWorks() {
            fixture.given(redeemedPair())
                    .when(new RefreshOAuthTokens(GRANTS_ID, "refresh-hash-pair-1", CLIENT,
                            pair("pair-2", NOW.plus(ACCESS_LIFETIME).plusSeconds(1))))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(tokensIssued("pair-2", 2, "pair-1"));
        }
    }

    @Nested
    class StaleGrants {

        /**
         * Two codes and two pairs in epoch 0 (ids deliberately out of order), then a code and a pair in epoch 1: what
         * a user holds after a deactivation and a reactivation.
         */
        private Object[] grantsAcrossTwoEpochs() {
            return new Object[] {
                    codeIssued("code-b", 0),
                    codeIssued("code-a", 0),
                    tokensIssued("pair-b", 0, null),
                    tokensIssued("pair-a", 0, null),
                    codeIssued("code-c", 1),
                    tokensIssued("pair-c", 1, null)};
        }

        @Test
        void revokingListsOnlyTheCodesAndPairsOfEarlierEpochsSorted() {
            fixture.given(grantsAcrossTwoEpochs())
                    .when(revokeStale(1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OAuthGrantsRevoked(USER_ID, List.of("code-a", "code-b"),
                            List.of("pair-a", "pair-b"), 1));
        }

        @Test
        void revokingForALaterEpochListsEverythingBeforeIt() {
            fixture.given(grantsAcrossTwoEpochs())
                    .when(revokeStale(2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OAuthGrantsRevoked(USER_ID, List.of("code-a", "code-b", "code-c"),
                            List.of("pair-a", "pair-b", "pair-c"), 2));
        }

        @Test
        void repeatingTheRevocationForTheSameEpochRecordsNothing() {
            fixture.given(grantsAcrossTwoEpochs())
                    .andGivenCommands(revokeStale(1))
                    .when(revokeStale(1))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRevocationForAnOlderEpochThanOneDoneRecordsNothing() {
            fixture.given(grantsAcrossTwoEpochs())
                    .andGivenCommands(revokeStale(2))
                    .when(revokeStale(1))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aLaterRevocationListsOnlyWhatTheEarlierOneLeft() {
            fixture.given(grantsAcrossTwoEpochs())
                    .andGivenCommands(revokeStale(1))
                    .when(revokeStale(2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OAuthGrantsRevoked(USER_ID, List.of("code-c"), List.of("pair-c"), 2));
        }

        @Test
        void onAFreshIdTheRevocationCreatesTheGrantsAndConfirmsWithEmptyLists() {
            fixture.givenNoPriorActivity()
                    .when(revokeStale(1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OAuthGrantsRevoked(USER_ID, List.of(), List.of(), 1));
        }

        @Test
        void onAFreshIdTheRevocationConfirmsOnlyOnce() {
            fixture.givenCommands(revokeStale(1))
                    .when(revokeStale(1))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void grantsCreatedByARevocationAcceptNewCodes() {
            fixture.givenCommands(revokeStale(1))
                    .when(issueCode("code-1", 1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(codeIssued("code-1", 1));
        }

        @Test
        void aPairIssuedInTheRevokedEpochSurvivesTheRevocation() {
            fixture.given(grantsAcrossTwoEpochs())
                    .andGivenCommands(revokeStale(1))
                    .when(refresh("pair-c", "pair-d"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(tokensIssued("pair-d", 1, "pair-c"));
        }

        @Test
        void aCodeIssuedInTheRevokedEpochSurvivesTheRevocation() {
            fixture.given(grantsAcrossTwoEpochs())
                    .andGivenCommands(revokeStale(1))
                    .when(redeem("code-c", "pair-d"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AuthorizationCodeRedeemed(USER_ID, "code-c"), tokensIssued("pair-d", 1, null));
        }

        @Test
        void aRevokedPairCanNoLongerBeRefreshed() {
            fixture.given(grantsAcrossTwoEpochs())
                    .andGivenCommands(revokeStale(1))
                    .when(refresh("pair-a", "pair-d"))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void aRevokedCodeCanNoLongerBeRedeemed() {
            fixture.given(grantsAcrossTwoEpochs())
                    .andGivenCommands(revokeStale(1))
                    .when(redeem("code-a", "pair-d"))
                    .expectException(OAuthGrantRefused.class)
                    .expectNoEvents();
        }

        @Test
        void aPairRefreshedFromAStalePairIsStillStale() {
            fixture.given(grantsAcrossTwoEpochs())
                    .andGivenCommands(refresh("pair-a", "pair-z"))
                    .when(revokeStale(1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new OAuthGrantsRevoked(USER_ID, List.of("code-a", "code-b"),
                            List.of("pair-b", "pair-z"), 1));
        }
    }
}
