package io.wegate.server.token;

import java.util.Collection;

/**
 * Told that logins ended, in the transaction that ended them: the back-channel logout
 * ({@code backchannel.BackChannelLogout}) queues its deliveries here. Declared beside the flow that
 * ends logins, so that this package depends on no one who listens.
 */
public interface LoginsEndedListener {

    /**
     * @param loginIds the logins that ended (their {@code sid})
     * @param reason why ({@code logout}, {@code revoked}, {@code refresh_token_reused}, …)
     * @param initiator the {@code client_id} of the relying party that asked for the ending and so
     *     knows already (RP-initiated logout with an {@code id_token_hint}); null when none did
     */
    void loginsEnded(Collection<String> loginIds, String reason, String initiator);
}
