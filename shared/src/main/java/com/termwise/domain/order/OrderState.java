package com.termwise.domain.order;

public enum OrderState { PENDING_PAYMENT, ACCEPTED, CANCELLED, REFUNDED, EXPIRED }
