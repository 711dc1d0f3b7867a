package com.termwise.app;

import java.time.LocalDate;
import java.util.Optional;

/** {@code POST /v1/checkout} (docs/api.md), already checked for shape and types by the HTTP adapter. */
public record CheckoutRequest(String catalog, String plan, Optional<String> promoCode, String customerName,
                              Optional<LocalDate> birthDate, Optional<Boolean> beginDuringCancellationPeriod,
                              Optional<Boolean> acknowledgeLossOfCancellationRight, Optional<Boolean> parentalConsent,
                              Optional<Purchase.DeliveryAddress> delivery, Optional<Boolean> acknowledgeObligationToPay) {}
