package io.wegate.server.ops;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.wegate.client.redact.Redactor;

/** Stack traces pass through {@link Redactor} too: exception messages may quote URLs. */
public final class RedactingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Redactor.redact(super.throwableProxyToString(tp));
    }
}
