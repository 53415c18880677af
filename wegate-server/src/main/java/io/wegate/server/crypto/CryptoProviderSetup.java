package io.wegate.server.crypto;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies {@code wegate.crypto.provider} before any bean (key loading, the JWT encoder, the session
 * store, TLS clients) asks for a provider: started as soon as the configuration is read, on a thread
 * of its own (loading ACCP takes a few hundred milliseconds), while Spring reads the configuration
 * classes; the start waits for it before the context instantiates the application's beans (in a bean
 * factory post-processor of the context: only Spring's own definition-registry post-processors, which
 * read the configuration classes, come before it). An unknown mode fails the start at once, and {@code
 * accp} where ACCP cannot be used fails it before any bean of the application exists.
 */
public final class CryptoProviderSetup implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        CryptoProviders.Pending pending =
                CryptoProviders.applyInBackground(environment.getProperty(CryptoProviders.PROPERTY, "auto"));
        application.addInitializers(context -> context.addBeanFactoryPostProcessor(new AwaitChoice(pending)));
    }

    /** Waits for the provider choice before the context creates its beans. */
    record AwaitChoice(CryptoProviders.Pending pending) implements BeanFactoryPostProcessor {

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            pending.await();
        }
    }

    @Override
    public int getOrder() {
        // after the configuration files and the command line are read
        return Ordered.LOWEST_PRECEDENCE;
    }
}
