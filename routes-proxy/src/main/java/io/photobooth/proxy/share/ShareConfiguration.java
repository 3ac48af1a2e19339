package io.photobooth.proxy.share;

import java.time.Clock;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.share.ShareLinkCheck;
import io.photobooth.share.ShareLinkMaker;
import io.photobooth.share.SharePage;
import io.photobooth.share.ShareTokens;
import io.photobooth.storage.ObjectPresigner;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The processors of the customer's download link. The proxy does not start without
 * {@code photobooth.kiosk.share.secret}: links signed with a secret of one proxy only would fail
 * on the others.
 */
@Configuration(proxyBeanMethods = false)
@ProxyRole
public class ShareConfiguration {

    @Bean
    ShareTokens shareTokens(PhotoboothProperties properties, Clock clock) {
        var share = properties.kiosk().share();
        return new ShareTokens(share.secret(), share.linkExpiry(), clock);
    }

    @Bean
    ShareLinkMaker shareLinkMaker(ShareTokens tokens, PhotoboothProperties properties) {
        return new ShareLinkMaker(tokens, properties.kiosk().share().publicUrl());
    }

    @Bean
    ShareLinkCheck shareLinkCheck(ShareTokens tokens) {
        return new ShareLinkCheck(tokens);
    }

    @Bean
    SharePage sharePage(ObjectPresigner presigner, PhotoboothProperties properties, Clock clock) {
        return new SharePage(presigner, properties.env(), clock);
    }
}
