package io.wegate.server.ops;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Every log message passes through {@link LogLines#safe}: codes, tokens and secrets never reach a log, and no
 * value logged inside a message can break it into several lines.
 */
public final class RedactingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogLines.safe(super.convert(event));
    }
}
