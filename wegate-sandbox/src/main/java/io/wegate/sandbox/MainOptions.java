package io.wegate.sandbox;

/** The parsed command line of {@link SandboxMain}; accepts both {@code --port 8081} and {@code --port=8081}. */
record MainOptions(
        int port, String bind, String fixture, int gettokenDailyQuota, int wechatTokenDailyQuota, boolean help) {

    static final int DEFAULT_PORT = 8081;

    /** @throws IllegalArgumentException naming the bad option */
    static MainOptions parse(String[] args) {
        int port = DEFAULT_PORT;
        String bind = "127.0.0.1";
        String fixture = null;
        int quota = 2000;
        int wechatQuota = 2000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                return new MainOptions(port, bind, fixture, quota, wechatQuota, true);
            }
            if (value == null && !takesValue(name)) {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--port" -> port = integer(name, value, 0, 65_535);
                case "--bind" -> bind = value;
                case "--fixture" -> fixture = value;
                case "--gettoken-daily-quota" -> quota = integer(name, value, 1, Integer.MAX_VALUE);
                case "--wechat-token-daily-quota" -> wechatQuota = integer(name, value, 1, Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("Unknown option: " + name);
            }
        }
        return new MainOptions(port, bind, fixture, quota, wechatQuota, false);
    }

    private static boolean takesValue(String name) {
        return switch (name) {
            case "--port", "--bind", "--fixture", "--gettoken-daily-quota", "--wechat-token-daily-quota" -> true;
            default -> false;
        };
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be a number between " + min + " and " + max + ": " + value);
    }
}
