package io.wegate.server.crypto;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies {@code wegate.crypto.provider} as soon as the configuration is read, before any bean
 * (key loading, the JWT encoder, the session store, TLS clients) asks for a provider.
 */
public final class CryptoProviderSetup implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        CryptoProviders.apply(environment.getProperty(CryptoProviders.PROPERTY, "auto"));
    }

    @Override
    public int getOrder() {
        // after the configuration files and the command line are read
        return Ordered.LOWEST_PRECEDENCE;
    }
}
