-- Which logins a relying party takes (wegate.oidc.clients[n].upstreams / .app, or the RFC 7591
-- extension metadata wegate_upstreams / wegate_app of the admin API). upstreams: space-separated
-- upstream names (wecom, wechat); null: any. app: the id of one configured app; null: any.
alter table oidc_client add column upstreams varchar(100);
alter table oidc_client add column app varchar(100);
