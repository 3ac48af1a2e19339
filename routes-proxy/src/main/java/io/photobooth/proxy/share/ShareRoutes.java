package io.photobooth.proxy.share;

import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;
import io.photobooth.share.ShareLinkMaker;
import io.photobooth.share.SharePageProblem;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The customer's download link. {@code share-link}: a kiosk asks for the link of a request of its
 * vendor with at least one converted shot, and gets it with its QR code. {@code share-page}: the
 * customer's phone opens {@code GET /s/{token}} with no API key; the signed token names the
 * request, and the page shows its results through presigned URLs. A forged or expired link is
 * refused in plain words to a browser and as problem+json to any other client.
 */
@Component
@ProxyRole
public class ShareRoutes extends RouteBuilder {

    public static final String LINK_ROUTE_ID = "share-link";
    public static final String LINK_ENDPOINT = "direct:share-link";
    public static final String PAGE_ROUTE_ID = "share-page";
    public static final String PAGE_ENDPOINT = "platform-http:" + ShareLinkMaker.PATH + "{token}?httpMethodRestrict=GET";

    @Override
    public void configure() {
        from(LINK_ENDPOINT).routeId(LINK_ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("share-link-authenticate")
                .process("requestIdCheck").id("share-link-check-id")
                .setBody(constant(RequestSql.SELECT_REQUEST))
                .to(RequestSql.JDBC).id("share-link-load")
                .process("requestAnswerer").id("share-link-read")
                .process("shareLinkMaker").id("make-share-link")
                .process(JsonAnswer.withStatus(200)).id("share-link-answer");

        from(PAGE_ENDPOINT).routeId(PAGE_ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .process(new SharePageProblem()).id("share-page-problem")
                .end()
                .process("shareLinkCheck").id("share-page-check-token")
                .setBody(constant(ShareSql.SELECT_SHARED_REQUEST))
                .to(RequestSql.JDBC).id("share-page-load")
                .process("sharePage").id("render-share-page");
    }
}
