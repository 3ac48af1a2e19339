package io.photobooth.proxy.page;

import io.photobooth.proxy.ProxyRole;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the kiosk page, static files from {@code classpath:/kiosk/}, at {@link #PATH}: the page,
 * its ES modules and style, and the concepts' sample images under {@code samples/} (copied at
 * build time from {@code docs/models/}). The files are revalidated on every load ({@code no-cache}),
 * so a kiosk picks up a new release at its next reload. They sit beside the platform-http routes,
 * which are mapped only under {@code /api/v1} and {@code /s/}.
 */
@Configuration(proxyBeanMethods = false)
@ProxyRole
public class KioskPage implements WebMvcConfigurer {

    public static final String PATH = "/kiosk/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "**")
                .addResourceLocations("classpath:" + PATH)
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/kiosk", PATH);
        registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
    }
}
