/*
 * The benchmark's baseline: reads a file and does nothing but parse it with
 * cJSON_ParseWithLength and free the tree with cJSON_Delete, using cJSON's
 * default allocator. bench/run.sh compares commitplan's wall time and peak
 * memory with this program's on the same inventory.
 */
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

int main(int argc, char **argv)
{
    int rc = 1;
    FILE *f = NULL;
    char *data = NULL;
    cJSON *root = NULL;
    long size;

    if (argc != 2) {
        fprintf(stderr, "usage: baseline FILE\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        perror(argv[1]);
        goto out;
    }
    data = malloc((size_t)size + 1);
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
        perror(argv[1]);
        goto out;
    }
    data[size] = '\0';
    root = cJSON_ParseWithLength(data, (size_t)size);
    if (!root) {
        fprintf(stderr, "%s: not valid JSON\n", argv[1]);
        goto out;
    }
    rc = 0;
out:
    cJSON_Delete(root);
    free(data);
    if (f)
        fclose(f);
    return rc;
}
