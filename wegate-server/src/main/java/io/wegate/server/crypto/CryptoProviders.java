package io.wegate.server.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;

/**
 * Puts the Amazon Corretto Crypto Provider (ACCP: AWS-LC through JNI, kept by AWS) first in the
 * JVM's provider list, so that every {@code Signature}, {@code MessageDigest}, {@code Mac} and
 * {@code SecureRandom} wegate and its libraries ask for comes from it. Signing is what a token
 * endpoint spends most of its time on: on the 2-core bench machine the JDK signs RS256 in about
 * 1.0 ms and ES256 in 0.14 ms, ACCP in 0.3 ms and 0.02 ms (docs/benchmarks.md). Nothing here is
 * hand-written cryptography; this class only chooses.
 *
 * <p>{@code wegate.crypto.provider}:
 *
 * <ul>
 *   <li>{@code auto} (default): ACCP if its native library loads and passes its self-tests on this
 *       platform (it ships for Linux x86-64 here), else the JDK's providers, with the reason;
 *   <li>{@code accp}: ACCP or the start fails;
 *   <li>{@code jdk}: the JDK's providers only (ACCP is taken out if an earlier start in this JVM put
 *       it in).
 * </ul>
 */
public final class CryptoProviders {

    /** The property that chooses. */
    public static final String PROPERTY = "wegate.crypto.provider";

    private static final String ACCP = "AmazonCorrettoCryptoProvider";

    private static volatile Choice current = new Choice("jdk", "not chosen yet", jdkSigner());

    private CryptoProviders() {}

    /**
     * What is in force: {@code provider} ({@code accp} or {@code jdk}), why, and which provider
     * signs SHA256withRSA now.
     */
    public record Choice(String provider, String reason, String rsaSigner) {}

    /** The choice in force in this JVM. */
    public static Choice current() {
        return current;
    }

    /**
     * Applies {@code mode}; idempotent, safe to call again with another mode (tests start several
     * applications in one JVM).
     *
     * @throws IllegalArgumentException for an unknown mode
     * @throws IllegalStateException for {@code accp} when ACCP cannot be used here
     */
    public static synchronized Choice apply(String mode) {
        String m = normalize(mode);
        switch (m) {
            case "jdk" -> {
                Security.removeProvider(ACCP);
                current = new Choice("jdk", PROPERTY + "=jdk", jdkSigner());
            }
            case "auto", "accp" -> {
                String unusable = accpUnusable();
                if (unusable == null) {
                    if (Security.getProvider(ACCP) == null) {
                        AmazonCorrettoCryptoProvider.install();
                    }
                    current = new Choice("accp", "native library loaded, self-tests passed", jdkSigner());
                } else if (m.equals("accp")) {
                    throw new IllegalStateException(PROPERTY + "=accp, but the Amazon Corretto Crypto Provider cannot"
                            + " be used on this platform (" + unusable + "); set " + PROPERTY
                            + "=auto or jdk");
                } else {
                    Security.removeProvider(ACCP);
                    current = new Choice("jdk", "ACCP unavailable: " + unusable, jdkSigner());
                }
            }
            default -> throw unknown(mode);
        }
        return current;
    }

    /**
     * {@link #apply} on a thread of its own where it takes time (loading ACCP's native library and
     * running its self-tests: a few hundred milliseconds of the start), so that the start goes on
     * meanwhile; {@link Pending#await()} waits for it. The same thread then makes the JDK's default
     * TLS context, which the upstream clients need (nothing waits for that). An unknown mode is refused
     * here and now, and {@code jdk}, or an ACCP already in place, is applied at once.
     *
     * @throws IllegalArgumentException for an unknown mode
     */
    public static Pending applyInBackground(String mode) {
        String m = normalize(mode);
        if (!m.equals("auto") && !m.equals("accp") && !m.equals("jdk")) {
            throw unknown(mode);
        }
        if (m.equals("jdk") || (current.provider().equals("accp") && Security.getProvider(ACCP) != null)) {
            return new Pending(CompletableFuture.completedFuture(apply(m)));
        }
        CompletableFuture<Choice> choice = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        choice.complete(apply(m));
                    } catch (RuntimeException | LinkageError e) {
                        choice.completeExceptionally(e);
                        return;
                    }
                    loadDefaultTlsContext();
                },
                "wegate-crypto-provider");
        t.setDaemon(true);
        t.start();
        return new Pending(choice);
    }

    /** A choice being applied by {@link #applyInBackground}. */
    public static final class Pending {

        private final CompletableFuture<Choice> choice;

        private Pending(CompletableFuture<Choice> choice) {
            this.choice = choice;
        }

        /**
         * The choice, once in force; what {@link #apply} would have thrown is thrown here.
         *
         * @throws IllegalStateException for {@code accp} when ACCP cannot be used here
         */
        public Choice await() {
            try {
                return choice.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }

    /**
     * Once the provider is in place, the JDK's default TLS context is made (its trust store read):
     * every upstream HTTP client asks for it when it is built, which is otherwise on the first login.
     * A failure here is left to that first use to report.
     */
    private static void loadDefaultTlsContext() {
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // the upstream client's own call fails the same way, where it can be reported
        }
    }

    private static String normalize(String mode) {
        return mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String mode) {
        return new IllegalArgumentException(
                PROPERTY + " must be auto, accp or jdk, not '" + mode.replaceAll("[^\\w.-]", "?") + "'");
    }

    /** Why ACCP cannot be used here, or null when it can. */
    private static String accpUnusable() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = accp.getLoadingError();
            if (error != null) {
                return error.getClass().getSimpleName() + ": " + error.getMessage();
            }
            accp.assertHealthy();
            return null;
        } catch (LinkageError | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String jdkSigner() {
        try {
            Provider p = java.security.Signature.getInstance("SHA256withRSA").getProvider();
            return p.getName();
        } catch (java.security.NoSuchAlgorithmException e) {
            return "none";
        }
    }
}
