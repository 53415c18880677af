package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.bean.WxCpOauth2UserInfo;
import me.chanjar.weixin.cp.bean.WxCpUserDetail;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Unmodified WxJava cp against the sandbox: {@code getOauth2Service().getUserInfo(code)} calls the legacy
 * {@code /cgi-bin/user/getuserinfo} and reads its capitalised keys, so this is what proves the sandbox serves an
 * existing WxJava application as WeCom would. The only change to WxJava's setup is the base URL.
 */
class WxJavaCpOAuth2Test {

    private final TestSandbox wecom = TestSandbox.start();
    private final WxCpService wxCpService = wxCpService();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private WxCpService wxCpService() {
        WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
        config.setCorpId(CORP_ID);
        config.setCorpSecret(wecom.secret(NEW_APP));
        config.setAgentId(Integer.valueOf(NEW_APP));
        config.setBaseApiUrl(wecom.sandbox.baseUrl().toString());
        WxCpService service = new WxCpServiceImpl();
        service.setWxCpConfigStorage(config);
        return service;
    }

    @Test
    void wxJavaGetUserInfoWhenMemberSignedInThenUserIdAndDeviceId() throws WxErrorException {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");

        WxCpOauth2UserInfo who = wxCpService.getOauth2Service().getUserInfo(code);

        assertThat(who.getUserId()).isEqualTo("zhangsan");
        assertThat(who.getDeviceId()).isNotBlank();
        assertThat(who.getOpenId()).isNull();
        assertThat(who.getUserTicket()).isNull();
        assertThat(wecom.sandbox.stats())
                .containsEntry("/cgi-bin/gettoken", 1L)
                .containsEntry("/cgi-bin/user/getuserinfo", 1L);
    }

    @Test
    void wxJavaGetUserInfoWhenPrivateinfoThenUserTicketThatGetUserDetailRedeems() throws WxErrorException {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_privateinfo");

        WxCpOauth2UserInfo who = wxCpService.getOauth2Service().getUserInfo(code);
        WxCpUserDetail detail = wxCpService.getOauth2Service().getUserDetail(who.getUserTicket());

        assertThat(who.getExpiresIn()).isEqualTo("1800");
        assertThat(detail.getUserId()).isEqualTo("zhangsan");
        assertThat(detail.getMobile()).isEqualTo("13800138003");
    }

    @Test
    void wxJavaGetUserInfoWhenNonMemberSignedInThenOpenIdAndExternalUserid() throws WxErrorException {
        String code = wecom.mint("{\"flow\":\"wecom-web\",\"agentid\":\"" + NEW_APP + "\",\"guest\":true}");

        WxCpOauth2UserInfo who = wxCpService.getOauth2Service().getUserInfo(code);

        assertThat(who.getUserId()).isNull();
        assertThat(who.getOpenId()).isEqualTo(wecom.sandbox.fixture().guest().openid());
        assertThat(who.getExternalUserId())
                .isEqualTo(wecom.sandbox.fixture().guest().externalUserid());
    }

    @Test
    void wxJavaGetUserInfoWhenCodeReplayedThenWxErrorExceptionWith40029() throws WxErrorException {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");
        wxCpService.getOauth2Service().getUserInfo(code);

        WxErrorException replayed = catchThrowableOfType(
                WxErrorException.class, () -> wxCpService.getOauth2Service().getUserInfo(code));

        assertThat(replayed.getError().getErrorCode()).isEqualTo(40029);
        assertThat(wecom.sandbox.errorStats().get("/cgi-bin/user/getuserinfo")).containsEntry("40029", 1L);
    }
}
