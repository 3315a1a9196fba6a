package dev.compactor.config;

import java.io.Serializable;

/**
 * Prices for the cost preview of a plan.
 *
 * @param getPer1000 USD per 1,000 GET and HEAD requests
 * @param putPer1000 USD per 1,000 PUT, LIST and POST requests
 * @param vcpuHour USD per vCPU-hour
 * @param mbPerVcpuSecond input MB one vCPU compacts per second, to estimate compute time
 */
public record PriceTable(
    double getPer1000, double putPer1000, double vcpuHour, double mbPerVcpuSecond)
    implements Serializable {}
