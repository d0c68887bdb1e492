/*
 * libFuzzer target: the usage-report reader. A fixed inventory (one plan with
 * a quota and two containers) is loaded once; each input is saved as the
 * report DIR/s1/2026-03.json in a private temporary folder and read with
 * usage_read, which validates it and computes the plan's figures.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/inventory.h"
#include "planner/usage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_usage_inventory[] =
    "{\"inventory\": 1, \"currency\": \"USD\",\n"
    " \"subscriptions\": [{\"id\": \"sub\", \"access\": {\"status\": \"approved\","
    " \"requested_on\": \"2025-10-01\", \"decided_on\": \"2025-10-09\"}}],\n"
    " \"plans\": [{\"id\": \"stt\", \"subscription\": \"sub\", \"service\": \"speech-to-text\","
    " \"term_start\": \"2026-01-01\", \"units\": 2, \"unit_price\": \"74100.00\","
    " \"quota_per_unit\": {\"quantity\": 10000, \"unit\": \"hours\","
    " \"meters\": [\"Speech.Hours\", \"Speech.Batch.Hours\"]}, \"auto_renew\": true}],\n"
    " \"containers\": [\n"
    "  {\"id\": \"s1\", \"plan\": \"stt\", \"image\": \"mcr.microsoft.com/azure-cognitive-services/"
    "speechservices/speech-to-text\", \"version\": \"4.9.0-amd64-en-us\", \"platform\": \"docker\"},\n"
    "  {\"id\": \"s2\", \"plan\": \"stt\", \"image\": \"mcr.microsoft.com/azure-cognitive-services/"
    "speechservices/speech-to-text\", \"version\": \"4.9.0-amd64-en-us\", \"platform\": \"docker\"}\n"
    " ]}\n";

static inv_inventory *fuzz_usage_inv;
static char fuzz_usage_dir[64];
static char fuzz_usage_file[96];

static void fuzz_usage_cleanup(void)
{
    char sub[96];
    unlink(fuzz_usage_file);
    snprintf(sub, sizeof sub, "%s/s1", fuzz_usage_dir);
    rmdir(sub);
    rmdir(fuzz_usage_dir);
    inv_free(fuzz_usage_inv);
}

static void fuzz_usage_init(void)
{
    cp_errors errs;
    char sub[96];

    cp_errors_init(&errs);
    if (inv_load("usage-inventory.json", fuzz_usage_inventory, sizeof fuzz_usage_inventory - 1,
                 NULL, NULL, &fuzz_usage_inv, &errs) != 0) {
        fprintf(stderr, "fuzz_usage: the built-in inventory is invalid\n");
        abort();
    }
    cp_errors_free(&errs);
    snprintf(fuzz_usage_dir, sizeof fuzz_usage_dir, "%s/fuzz-usage-XXXXXX",
             getenv("TMPDIR") && strlen(getenv("TMPDIR")) < 40 ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(fuzz_usage_dir))
        abort();
    snprintf(sub, sizeof sub, "%s/s1", fuzz_usage_dir);
    if (mkdir(sub, 0700) != 0)
        abort();
    snprintf(fuzz_usage_file, sizeof fuzz_usage_file, "%s/2026-03.json", sub);
    atexit(fuzz_usage_cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cp_errors errs;
    usage_report *r = NULL;
    FILE *f;

    if (!fuzz_usage_inv)
        fuzz_usage_init();
    f = fopen(fuzz_usage_file, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    cp_errors_init(&errs);
    (void)usage_read(fuzz_usage_inv, fuzz_usage_dir, cal_from_ymd(2026, 12, 3), 10, &r, &errs);
    cp_buf msg = {0};
    for (size_t i = 0; i < errs.count; i++)
        cp_errors_format(&errs, i, &msg);
    cp_buf_free(&msg);
    usage_free(r);
    cp_errors_free(&errs);
    return 0;
}
