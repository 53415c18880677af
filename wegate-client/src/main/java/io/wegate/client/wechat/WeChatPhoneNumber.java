package io.wegate.client.wechat;

/**
 * A phone number WeChat verified, from {@code getuserphonenumber} or a decrypted legacy payload.
 *
 * @param phoneNumber with the country code for foreign numbers
 * @param purePhoneNumber without country code
 * @param countryCode e.g. {@code 86} (WeChat sends it as a number or a string; both are read)
 * @param watermarkAppId the app the number was issued to
 */
public record WeChatPhoneNumber(
        String phoneNumber, String purePhoneNumber, String countryCode, String watermarkAppId) {}
