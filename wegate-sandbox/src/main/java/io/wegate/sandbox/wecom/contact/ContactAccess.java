package io.wegate.sandbox.wecom.contact;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import io.wegate.sandbox.wecom.token.AccessTokens;

/**
 * The checks every directory read shares: the token, the 2022-08-15 rule against contact sync from a new IP, and
 * department ids inside the caller's visible range; see <a
 * href="https://developer.work.weixin.qq.com/document/path/90208">获取部门列表</a>.
 */
final class ContactAccess {

    private final WeComDirectory directory;
    private final AccessTokens tokens;

    ContactAccess(WeComDirectory directory, AccessTokens tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    WeComDirectory directory() {
        return directory;
    }

    /**
     * The token's app.
     *
     * @param detailRead whether the endpoint is one of those A5 closes to contact sync from a new IP (department/list,
     *     department/get, user/get, user/list, user/simplelist), which then answer 48009
     */
    App authenticate(SandboxRequest request, boolean detailRead) {
        App app = tokens.authenticate(request.param("access_token"));
        if (detailRead && directory.blockedAsNewContactSyncIp(app)) {
            throw new WeComException(WeComError.CONTACT_SYNC_NEW_IP);
        }
        return app;
    }

    /**
     * The department named by a query parameter, which the app must be able to see.
     *
     * @throws WeComException 60123 if not a number, 60003 if missing or unknown, 60011 if outside the visible range
     */
    Department visibleDepartment(App app, String raw) {
        if (raw == null) {
            throw new WeComException(WeComError.DEPARTMENT_NOT_FOUND);
        }
        int id;
        try {
            id = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new WeComException(WeComError.INVALID_DEPARTMENT_ID);
        }
        Department department =
                directory.department(id).orElseThrow(() -> new WeComException(WeComError.DEPARTMENT_NOT_FOUND));
        if (!directory.canSeeDepartment(app, id)) {
            throw new WeComException(WeComError.NO_PRIVILEGE);
        }
        return department;
    }
}
