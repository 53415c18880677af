package io.wegate.server.ops;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.wegate.client.redact.Redactor;

/** Every log message passes through {@link Redactor}: codes, tokens and secrets never reach a log. */
public final class RedactingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
