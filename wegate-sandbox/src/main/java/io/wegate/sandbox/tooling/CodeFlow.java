package io.wegate.sandbox.tooling;

import tools.jackson.databind.node.ObjectNode;

/**
 * One sign-in flow that {@code POST /sandbox/codes} can short-cut: it issues a code exactly as if the user had just
 * completed the flow in a browser. Adding a flow (e.g. {@code wecom-qr}, {@code wechat-mp}) means adding one
 * implementation and listing it where the sandbox is wired.
 */
public interface CodeFlow {

    /** The {@code flow} value of the request, e.g. {@code wecom-web}. */
    String name();

    /**
     * Issues a code for the request body.
     *
     * @return the 201 response body; it contains at least {@code "code"}
     * @throws io.wegate.sandbox.http.HttpProblem 400 when the body names an unknown app or user, or is incomplete
     */
    ObjectNode issue(ObjectNode request);
}
