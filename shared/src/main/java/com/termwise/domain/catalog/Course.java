package com.termwise.domain.catalog;

import com.termwise.domain.money.Money;

/** A course a catalog lists: bought singly as {@code course:<id>}, or taken under a membership. */
public record Course(String id, String title, Money price, CourseKind kind, boolean available) {}
