// SPDX-License-Identifier: GPL-2.0
/*
 * ch_inventory: read a whole library through the kernel's ch driver as a
 * program must to learn every barcode: CHIOGSTATUS for each element type,
 * then CHIOGELEM for each element. Prints the number of full elements.
 *
 *   ch_inventory /dev/schN
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/chio.h>

int main(int argc, char **argv)
{
	struct changer_element_status ces;
	struct changer_get_element ge;
	struct changer_params p;
	int counts[4], types[4] = { CHET_MT, CHET_ST, CHET_IE, CHET_DT };
	int fd, t, i, full = 0;
	unsigned char *st;

	if (argc != 2) {
		fprintf(stderr, "usage: ch_inventory /dev/schN\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || ioctl(fd, CHIOGPARAMS, &p)) {
		perror(argv[1]);
		return 1;
	}
	counts[0] = p.cp_npickers;
	counts[1] = p.cp_nslots;
	counts[2] = p.cp_nportals;
	counts[3] = p.cp_ndrives;
	for (t = 0; t < 4; t++) {
		if (!counts[t])
			continue;
		st = calloc(counts[t], 1);
		memset(&ces, 0, sizeof(ces));
		ces.ces_type = types[t];
		ces.ces_data = st;
		if (ioctl(fd, CHIOGSTATUS, &ces)) {
			perror("CHIOGSTATUS");
			return 1;
		}
		for (i = 0; i < counts[t]; i++) {
			memset(&ge, 0, sizeof(ge));
			ge.cge_type = types[t];
			ge.cge_unit = i;
			ge.cge_flags = CGE_PVOLTAG;
			if (ioctl(fd, CHIOGELEM, &ge)) {
				perror("CHIOGELEM");
				return 1;
			}
			full += !!(ge.cge_status & CESTATUS_FULL);
		}
		free(st);
	}
	printf("%d\n", full);
	return 0;
}
