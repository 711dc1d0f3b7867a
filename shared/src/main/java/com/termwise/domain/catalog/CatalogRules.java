package com.termwise.domain.catalog;

import java.util.Optional;

/** The rules of a catalog that apply across its plans. */
public record CatalogRules(
        Rule.PaymentBeforeConfirmation payment,
        Rule.ContractFormation contract,
        Rule.OfferTerms offers,
        Optional<Rule.MinimumAge> minimumAge,
        Optional<Rule.ParentalConsent> parentalConsent,
        Optional<Rule.ChargebackLiability> chargeback,
        Optional<Rule.SuspensionWhileOwed> suspensionWhileOwed,
        Optional<Rule.InactivityAnonymisation> inactivity,
        Optional<Rule.CourseWithdrawalRefund> courseWithdrawal,
        Optional<Rule.RefundDeadline> refundDeadline,
        Optional<Rule.CourseAvailability> courseAvailability,
        Optional<Rule.FoodDays> foodDays,
        Optional<Rule.FirstDelivery> firstDelivery,
        Optional<Rule.DeliveryCadence> deliveryCadence,
        Optional<Rule.DeliveryDelayTerms> deliveryDelay,
        Optional<Rule.DispatchTerms> dispatch,
        Optional<Rule.DeliveryCharges> deliveryCharges,
        Optional<Rule.RegionalSurcharges> regionalSurcharges,
        Optional<Rule.AddressChangeTerms> addressChange,
        Optional<Rule.Dunning> dunning,
        Optional<Rule.RenewalReminder> renewalReminder,
        Optional<Rule.PriceError> priceError,
        Optional<Rule.AccountDeletion> accountDeletion,
        Optional<Rule.ServiceSuspension> serviceSuspension,
        Optional<Rule.MarketingOffers> marketingOffers,
        Optional<Rule.FailedDelivery> failedDelivery,
        Optional<Rule.RefusedDelivery> refusedDelivery) {

    /** A catalog that delivers goods (meal plans) must say how. */
    public boolean delivers() {
        return firstDelivery.isPresent();
    }
}
