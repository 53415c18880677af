package io.wegate.server.ops;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.wegate.client.redact.Redactor;

/**
 * Stack traces pass through {@link Redactor} too (exception messages may quote URLs and parameter values), and
 * every exception message in them is neutralised by {@link LogLines}: a trace keeps its own line structure (one
 * frame a line), but a message cannot add lines to it.
 */
public final class RedactingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Redactor.redact(super.throwableProxyToString(new Neutralised(tp)));
    }

    /** The same throwable, cause and suppressed ones included, with neutralised messages. */
    private record Neutralised(IThrowableProxy tp) implements IThrowableProxy {

        static IThrowableProxy of(IThrowableProxy tp) {
            return tp == null ? null : new Neutralised(tp);
        }

        @Override
        public String getOverridingMessage() {
            return LogLines.neutralise(tp.getOverridingMessage());
        }

        @Override
        public String getMessage() {
            return LogLines.neutralise(tp.getMessage());
        }

        @Override
        public String getClassName() {
            return LogLines.neutralise(tp.getClassName());
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return tp.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return tp.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(tp.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = tp.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] out = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                out[i] = of(suppressed[i]);
            }
            return out;
        }

        @Override
        public boolean isCyclic() {
            return tp.isCyclic();
        }
    }
}
