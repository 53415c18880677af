package io.wegate.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints {@code <corpid> <secret>} of a WeCom app of a running sandbox's fixture ({@code GET <sandbox>/sandbox/fixture}),
 * for {@code run-cluster-bench.sh}, which starts gateways with those credentials against one standalone sandbox.
 *
 * <pre>java -cp wegate-bench.jar io.wegate.bench.SandboxCredentials http://127.0.0.1:18181 1000002</pre>
 *
 * Like the driver it only talks to this machine. Exit status 2 for a bad command line, 1 when the sandbox cannot be
 * read or has no such app.
 */
public final class SandboxCredentials {

    private SandboxCredentials() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println(
                    "Usage: java -cp wegate-bench.jar io.wegate.bench.SandboxCredentials <sandbox-url>" + " <agentid>");
            System.exit(2);
            return;
        }
        try {
            // Parsed like the driver's command line, so the same loopback guard applies to the sandbox URL.
            DriverOptions options = DriverOptions.parse("--sandbox", args[0], "--agentid", args[1]);
            JsonMapper json = JsonMapper.builder().build();
            JsonNode fixture = new LoginFlowClient(LoginFlowClient.newHttpClient(), json, options)
                    .getSandboxJson("/sandbox/fixture");
            String corpId = BenchFixture.corpId(fixture);
            String secret = BenchFixture.appSecret(fixture, args[1]);
            if (corpId == null || secret == null) {
                System.err.println(
                        "the sandbox fixture at " + args[0] + " has no corpid or no app " + args[1] + " with a secret");
                System.exit(1);
                return;
            }
            System.out.println(corpId + " " + secret);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(1);
        }
    }
}
