/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntms tracepoints: discovery and state changes.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ntms

#if !defined(_NTMS_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _NTMS_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(ntms_library_state,
	    TP_PROTO(unsigned int lib, unsigned int op_state, bool damaged),
	    TP_ARGS(lib, op_state, damaged),
	    TP_STRUCT__entry(__field(unsigned int, lib)
			     __field(unsigned int, op_state)
			     __field(bool, damaged)),
	    TP_fast_assign(__entry->lib = lib;
			   __entry->op_state = op_state;
			   __entry->damaged = damaged;),
	    TP_printk("lib=%u op_state=%u damaged=%d", __entry->lib,
		      __entry->op_state, __entry->damaged));

TRACE_EVENT(ntms_discovery,
	    TP_PROTO(unsigned int lib, int result, unsigned long commands,
		     u32 slots, u32 drives, u32 ports, u32 media),
	    TP_ARGS(lib, result, commands, slots, drives, ports, media),
	    TP_STRUCT__entry(__field(unsigned int, lib)
			     __field(int, result)
			     __field(unsigned long, commands)
			     __field(u32, slots)
			     __field(u32, drives)
			     __field(u32, ports)
			     __field(u32, media)),
	    TP_fast_assign(__entry->lib = lib;
			   __entry->result = result;
			   __entry->commands = commands;
			   __entry->slots = slots;
			   __entry->drives = drives;
			   __entry->ports = ports;
			   __entry->media = media;),
	    TP_printk("lib=%u result=%d commands=%lu slots=%u drives=%u ports=%u media=%u",
		      __entry->lib, __entry->result, __entry->commands,
		      __entry->slots, __entry->drives, __entry->ports,
		      __entry->media));

TRACE_EVENT(ntms_element,
	    TP_PROTO(unsigned int lib, u16 addr, u8 type, u8 flags,
		     const char *barcode),
	    TP_ARGS(lib, addr, type, flags, barcode),
	    TP_STRUCT__entry(__field(unsigned int, lib)
			     __field(u16, addr)
			     __field(u8, type)
			     __field(u8, flags)
			     __string(barcode, barcode)),
	    TP_fast_assign(__entry->lib = lib;
			   __entry->addr = addr;
			   __entry->type = type;
			   __entry->flags = flags;
			   __assign_str(barcode, barcode);),
	    TP_printk("lib=%u addr=%u type=%u flags=%#x barcode=%s",
		      __entry->lib, __entry->addr, __entry->type, __entry->flags,
		      __get_str(barcode)));

TRACE_EVENT(ntms_media_new,
	    TP_PROTO(unsigned int lib, const char *barcode, u16 addr),
	    TP_ARGS(lib, barcode, addr),
	    TP_STRUCT__entry(__field(unsigned int, lib)
			     __string(barcode, barcode)
			     __field(u16, addr)),
	    TP_fast_assign(__entry->lib = lib;
			   __assign_str(barcode, barcode);
			   __entry->addr = addr;),
	    TP_printk("lib=%u barcode=%s addr=%u", __entry->lib,
		      __get_str(barcode), __entry->addr));

TRACE_EVENT(ntms_media_offline,
	    TP_PROTO(unsigned int lib, const char *barcode),
	    TP_ARGS(lib, barcode),
	    TP_STRUCT__entry(__field(unsigned int, lib)
			     __string(barcode, barcode)),
	    TP_fast_assign(__entry->lib = lib;
			   __assign_str(barcode, barcode);),
	    TP_printk("lib=%u barcode=%s", __entry->lib, __get_str(barcode)));

TRACE_EVENT(ntms_displaced,
	    TP_PROTO(unsigned int lib, u8 type, u16 first, u16 count),
	    TP_ARGS(lib, type, first, count),
	    TP_STRUCT__entry(__field(unsigned int, lib)
			     __field(u8, type)
			     __field(u16, first)
			     __field(u16, count)),
	    TP_fast_assign(__entry->lib = lib;
			   __entry->type = type;
			   __entry->first = first;
			   __entry->count = count;),
	    TP_printk("lib=%u type=%u first=%u count=%u", __entry->lib,
		      __entry->type, __entry->first, __entry->count));

TRACE_EVENT(ntms_tape_match,
	    TP_PROTO(const char *tape, unsigned int lib, u16 addr, bool standalone),
	    TP_ARGS(tape, lib, addr, standalone),
	    TP_STRUCT__entry(__string(tape, tape)
			     __field(unsigned int, lib)
			     __field(u16, addr)
			     __field(bool, standalone)),
	    TP_fast_assign(__assign_str(tape, tape);
			   __entry->lib = lib;
			   __entry->addr = addr;
			   __entry->standalone = standalone;),
	    TP_printk("tape=%s lib=%u addr=%u standalone=%d", __get_str(tape),
		      __entry->lib, __entry->addr, __entry->standalone));

#endif /* _NTMS_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE ntms_trace
#include <trace/define_trace.h>
