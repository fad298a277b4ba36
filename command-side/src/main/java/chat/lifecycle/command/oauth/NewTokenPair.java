package chat.lifecycle.command.oauth;

import java.time.Instant;

/** The hashes and lifetimes of an access/refresh pair about to be issued, minted by the caller. */
public record NewTokenPair(String tokenId, String hashedAccessToken, Instant accessExpiresAt,
                           String hashedRefreshToken, Instant refreshExpiresAt, Instant now) {
}
