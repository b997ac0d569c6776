package org.elfmap.pages;

import java.util.Optional;
import org.elfmap.space.PageSize;
import org.elfmap.space.Refusal;

/** The mapped image of a file at one page size under its loader: what a page-size change costs. */
public record WhatIf(PageSize pageSize, String loader, long vszBytes, long gapBytes, Optional<Refusal> refusal) {
}
