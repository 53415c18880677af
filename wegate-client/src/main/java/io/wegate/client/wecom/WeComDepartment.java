package io.wegate.client.wecom;

/**
 * A department as {@code department/list} returns it; {@code name} is null from {@code simplelist}.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/90208">department/list</a>
 */
public record WeComDepartment(int id, String name, int parentId, long order) {}
