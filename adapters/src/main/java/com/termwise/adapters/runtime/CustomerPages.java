package com.termwise.adapters.runtime;

/**
 * Where Stripe's hosted pages and Termwise's mails send a customer: {@code CHECKOUT_RETURN_URL} (after checkout,
 * {@code {ORDER_ID}} filled in) and {@code ACCOUNT_PAGE_URL} ("Your Account", the page the terms send customers to).
 */
public record CustomerPages(String checkoutReturnUrl, String accountPageUrl) {

    public CustomerPages {
        if (checkoutReturnUrl == null || checkoutReturnUrl.isBlank()) checkoutReturnUrl = "https://termwise.example/orders/{ORDER_ID}";
        if (accountPageUrl == null || accountPageUrl.isBlank()) accountPageUrl = "https://termwise.example/account/";
    }
}
