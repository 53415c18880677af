package io.wegate.server.login;

import io.wegate.server.account.ExternalLogin;
import io.wegate.server.account.LinkPolicy;
import io.wegate.server.token.Login;
import io.wegate.server.token.LoginMethod;
import java.util.function.Consumer;

/**
 * What the upstream step of every flow produces: the person as the account service needs them, the
 * linking policy of the app, how they logged in, and what the flow keeps once the login exists
 * (a mini program's session key).
 */
public record UpstreamLogin(ExternalLogin external, LinkPolicy policy, LoginMethod method, Consumer<Login> onLogin) {

    public UpstreamLogin(ExternalLogin external, LinkPolicy policy, LoginMethod method) {
        this(external, policy, method, login -> {});
    }
}
