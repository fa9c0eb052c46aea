# Generated from mechanism.schema.json by `python -m pathways.schema`
# (fastjsonschema 2.22.3); do not edit: write it again after
# changing the schema (the tests check that it matches).
SCHEMA_SHA256 = '2dd2ea765f56a07ddb0cab60e92b3e6663ca271c86827f92a8b4794acf3eb368'
ROOT = 'validate'

VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$': re.compile('^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*\\Z'),
    '^(?![\\s\\S]*[\\^_]\\{\\s*\\})': re.compile('^(?![\\s\\S]*[\\^_]\\{\\s*\\})'),
    '^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))': re.compile('^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|\\Z))'),
    '\\S': re.compile('\\S'),
    '^(?:https?://|file:///)[^\\s"<>\x00-\x1f\x7f-\x9f]+$': re.compile('^(?:https?://|file:///)[^\\s"<>\x00-\x1f\x7f-\x9f]+\\Z'),
    '^[^\t\n\r]*$': re.compile('^[^\t\n\r]*\\Z'),
    '^[a-z0-9][a-z0-9_-]*$': re.compile('^[a-z0-9][a-z0-9_-]*\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['mechanism']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "mechanism" in data_keys:
            data_keys.remove("mechanism")
            data__mechanism = data["mechanism"]
            if not isinstance(data__mechanism, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".mechanism must be object")
            data__mechanism_is_dict = isinstance(data__mechanism, dict)
            if data__mechanism_is_dict:
                data__mechanism__missing_keys = set(['id', 'title']) - data__mechanism.keys()
                if data__mechanism__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".mechanism must contain ")
                data__mechanism_keys = set(data__mechanism.keys())
                if "id" in data__mechanism_keys:
                    data__mechanism_keys.remove("id")
                    data__mechanism__id = data__mechanism["id"]
                    validate___definitions_id(data__mechanism__id, custom_formats, (name_prefix or "data") + ".mechanism.id")
                if "title" in data__mechanism_keys:
                    data__mechanism_keys.remove("title")
                    data__mechanism__title = data__mechanism["title"]
                    validate___definitions_long(data__mechanism__title, custom_formats, (name_prefix or "data") + ".mechanism.title")
                if "compound" in data__mechanism_keys:
                    data__mechanism_keys.remove("compound")
                    data__mechanism__compound = data__mechanism["compound"]
                    validate___definitions_id(data__mechanism__compound, custom_formats, (name_prefix or "data") + ".mechanism.compound")
                if "uses" in data__mechanism_keys:
                    data__mechanism_keys.remove("uses")
                    data__mechanism__uses = data__mechanism["uses"]
                    validate___definitions_ids(data__mechanism__uses, custom_formats, (name_prefix or "data") + ".mechanism.uses")
                if data__mechanism_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".mechanism must not contain "+str(data__mechanism_keys)+" properties")
        if "edge" in data_keys:
            data_keys.remove("edge")
            data__edge = data["edge"]
            if not isinstance(data__edge, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge must be array")
            data__edge_is_list = isinstance(data__edge, (list, tuple))
            if data__edge_is_list:
                data__edge_len = len(data__edge)
                for data__edge_x, data__edge_item in enumerate(data__edge):
                    if not isinstance(data__edge_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}]".format(**locals()) + " must be object")
                    data__edge_item_is_dict = isinstance(data__edge_item, dict)
                    if data__edge_item_is_dict:
                        data__edge_item__missing_keys = set(['source', 'target', 'effect', 'evidence']) - data__edge_item.keys()
                        if data__edge_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}]".format(**locals()) + " must contain ")
                        data__edge_item_keys = set(data__edge_item.keys())
                        if "source" in data__edge_item_keys:
                            data__edge_item_keys.remove("source")
                            data__edge_item__source = data__edge_item["source"]
                            validate___definitions_id(data__edge_item__source, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].source".format(**locals()))
                        if "target" in data__edge_item_keys:
                            data__edge_item_keys.remove("target")
                            data__edge_item__target = data__edge_item["target"]
                            validate___definitions_id(data__edge_item__target, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].target".format(**locals()))
                        if "effect" in data__edge_item_keys:
                            data__edge_item_keys.remove("effect")
                            data__edge_item__effect = data__edge_item["effect"]
                            if not (isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'activates' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'increases' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'stimulates' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'releases' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'induces' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'recruits' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'promotes' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'inhibits' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'blocks' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'antagonises' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'decreases' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'negatively_modulates' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'reduction_triggers' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'interacts_with' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'modulates' or isinstance(data__edge_item__effect, str) and data__edge_item__effect == 'regulates'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].effect".format(**locals()) + " must be one of ['activates', 'increases', 'stimulates', 'releases', 'induces', 'recruits', 'promotes', 'inhibits', 'blocks', 'antagonises', 'decreases', 'negatively_modulates', 'reduction_triggers', 'interacts_with', 'modulates', 'regulates']")
                        if "status" in data__edge_item_keys:
                            data__edge_item_keys.remove("status")
                            data__edge_item__status = data__edge_item["status"]
                            validate___definitions_status(data__edge_item__status, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].status".format(**locals()))
                        if "label" in data__edge_item_keys:
                            data__edge_item_keys.remove("label")
                            data__edge_item__label = data__edge_item["label"]
                            validate___definitions_short(data__edge_item__label, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].label".format(**locals()))
                        if "evidence" in data__edge_item_keys:
                            data__edge_item_keys.remove("evidence")
                            data__edge_item__evidence = data__edge_item["evidence"]
                            if not isinstance(data__edge_item__evidence, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].evidence".format(**locals()) + " must be array")
                            data__edge_item__evidence_is_list = isinstance(data__edge_item__evidence, (list, tuple))
                            if data__edge_item__evidence_is_list:
                                data__edge_item__evidence_len = len(data__edge_item__evidence)
                                if data__edge_item__evidence_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].evidence".format(**locals()) + " must contain at least 1 items")
                                for data__edge_item__evidence_x, data__edge_item__evidence_item in enumerate(data__edge_item__evidence):
                                    if not isinstance(data__edge_item__evidence_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].evidence[{data__edge_item__evidence_x}]".format(**locals()) + " must be object")
                                    data__edge_item__evidence_item_is_dict = isinstance(data__edge_item__evidence_item, dict)
                                    if data__edge_item__evidence_item_is_dict:
                                        data__edge_item__evidence_item__missing_keys = set(['source', 'quote']) - data__edge_item__evidence_item.keys()
                                        if data__edge_item__evidence_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].evidence[{data__edge_item__evidence_x}]".format(**locals()) + " must contain ")
                                        data__edge_item__evidence_item_keys = set(data__edge_item__evidence_item.keys())
                                        if "source" in data__edge_item__evidence_item_keys:
                                            data__edge_item__evidence_item_keys.remove("source")
                                            data__edge_item__evidence_item__source = data__edge_item__evidence_item["source"]
                                            validate___definitions_id(data__edge_item__evidence_item__source, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].evidence[{data__edge_item__evidence_x}].source".format(**locals()))
                                        if "quote" in data__edge_item__evidence_item_keys:
                                            data__edge_item__evidence_item_keys.remove("quote")
                                            data__edge_item__evidence_item__quote = data__edge_item__evidence_item["quote"]
                                            validate___definitions_quote(data__edge_item__evidence_item__quote, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].evidence[{data__edge_item__evidence_x}].quote".format(**locals()))
                                        if "status" in data__edge_item__evidence_item_keys:
                                            data__edge_item__evidence_item_keys.remove("status")
                                            data__edge_item__evidence_item__status = data__edge_item__evidence_item["status"]
                                            validate___definitions_status(data__edge_item__evidence_item__status, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].evidence[{data__edge_item__evidence_x}].status".format(**locals()))
                                        if "contradicts" in data__edge_item__evidence_item_keys:
                                            data__edge_item__evidence_item_keys.remove("contradicts")
                                            data__edge_item__evidence_item__contradicts = data__edge_item__evidence_item["contradicts"]
                                            if not isinstance(data__edge_item__evidence_item__contradicts, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].evidence[{data__edge_item__evidence_x}].contradicts".format(**locals()) + " must be boolean")
                                        if data__edge_item__evidence_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].evidence[{data__edge_item__evidence_x}]".format(**locals()) + " must not contain "+str(data__edge_item__evidence_item_keys)+" properties")
                        if "measure" in data__edge_item_keys:
                            data__edge_item_keys.remove("measure")
                            data__edge_item__measure = data__edge_item["measure"]
                            if not isinstance(data__edge_item__measure, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].measure".format(**locals()) + " must be array")
                            data__edge_item__measure_is_list = isinstance(data__edge_item__measure, (list, tuple))
                            if data__edge_item__measure_is_list:
                                data__edge_item__measure_len = len(data__edge_item__measure)
                                for data__edge_item__measure_x, data__edge_item__measure_item in enumerate(data__edge_item__measure):
                                    if not isinstance(data__edge_item__measure_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}]".format(**locals()) + " must be object")
                                    data__edge_item__measure_item_is_dict = isinstance(data__edge_item__measure_item, dict)
                                    if data__edge_item__measure_item_is_dict:
                                        data__edge_item__measure_item__missing_keys = set(['name', 'value', 'source', 'quote']) - data__edge_item__measure_item.keys()
                                        if data__edge_item__measure_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}]".format(**locals()) + " must contain ")
                                        data__edge_item__measure_item_keys = set(data__edge_item__measure_item.keys())
                                        if "name" in data__edge_item__measure_item_keys:
                                            data__edge_item__measure_item_keys.remove("name")
                                            data__edge_item__measure_item__name = data__edge_item__measure_item["name"]
                                            validate___definitions_label(data__edge_item__measure_item__name, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}].name".format(**locals()))
                                        if "value" in data__edge_item__measure_item_keys:
                                            data__edge_item__measure_item_keys.remove("value")
                                            data__edge_item__measure_item__value = data__edge_item__measure_item["value"]
                                            validate___definitions_label(data__edge_item__measure_item__value, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}].value".format(**locals()))
                                        if "context" in data__edge_item__measure_item_keys:
                                            data__edge_item__measure_item_keys.remove("context")
                                            data__edge_item__measure_item__context = data__edge_item__measure_item["context"]
                                            validate___definitions_short(data__edge_item__measure_item__context, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}].context".format(**locals()))
                                        if "source" in data__edge_item__measure_item_keys:
                                            data__edge_item__measure_item_keys.remove("source")
                                            data__edge_item__measure_item__source = data__edge_item__measure_item["source"]
                                            validate___definitions_id(data__edge_item__measure_item__source, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}].source".format(**locals()))
                                        if "quote" in data__edge_item__measure_item_keys:
                                            data__edge_item__measure_item_keys.remove("quote")
                                            data__edge_item__measure_item__quote = data__edge_item__measure_item["quote"]
                                            validate___definitions_quote(data__edge_item__measure_item__quote, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}].quote".format(**locals()))
                                        if "status" in data__edge_item__measure_item_keys:
                                            data__edge_item__measure_item_keys.remove("status")
                                            data__edge_item__measure_item__status = data__edge_item__measure_item["status"]
                                            validate___definitions_status(data__edge_item__measure_item__status, custom_formats, (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}].status".format(**locals()))
                                        if "contradicts" in data__edge_item__measure_item_keys:
                                            data__edge_item__measure_item_keys.remove("contradicts")
                                            data__edge_item__measure_item__contradicts = data__edge_item__measure_item["contradicts"]
                                            if not isinstance(data__edge_item__measure_item__contradicts, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}].contradicts".format(**locals()) + " must be boolean")
                                        if data__edge_item__measure_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}].measure[{data__edge_item__measure_x}]".format(**locals()) + " must not contain "+str(data__edge_item__measure_item_keys)+" properties")
                        if data__edge_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".edge[{data__edge_x}]".format(**locals()) + " must not contain "+str(data__edge_item_keys)+" properties")
        if "measure" in data_keys:
            data_keys.remove("measure")
            data__measure = data["measure"]
            if not isinstance(data__measure, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".measure must be array")
            data__measure_is_list = isinstance(data__measure, (list, tuple))
            if data__measure_is_list:
                data__measure_len = len(data__measure)
                for data__measure_x, data__measure_item in enumerate(data__measure):
                    if not isinstance(data__measure_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".measure[{data__measure_x}]".format(**locals()) + " must be object")
                    data__measure_item_is_dict = isinstance(data__measure_item, dict)
                    if data__measure_item_is_dict:
                        data__measure_item__missing_keys = set(['entity', 'name', 'value', 'source', 'quote']) - data__measure_item.keys()
                        if data__measure_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".measure[{data__measure_x}]".format(**locals()) + " must contain ")
                        data__measure_item_keys = set(data__measure_item.keys())
                        if "entity" in data__measure_item_keys:
                            data__measure_item_keys.remove("entity")
                            data__measure_item__entity = data__measure_item["entity"]
                            validate___definitions_id(data__measure_item__entity, custom_formats, (name_prefix or "data") + ".measure[{data__measure_x}].entity".format(**locals()))
                        if "name" in data__measure_item_keys:
                            data__measure_item_keys.remove("name")
                            data__measure_item__name = data__measure_item["name"]
                            validate___definitions_label(data__measure_item__name, custom_formats, (name_prefix or "data") + ".measure[{data__measure_x}].name".format(**locals()))
                        if "value" in data__measure_item_keys:
                            data__measure_item_keys.remove("value")
                            data__measure_item__value = data__measure_item["value"]
                            validate___definitions_label(data__measure_item__value, custom_formats, (name_prefix or "data") + ".measure[{data__measure_x}].value".format(**locals()))
                        if "context" in data__measure_item_keys:
                            data__measure_item_keys.remove("context")
                            data__measure_item__context = data__measure_item["context"]
                            validate___definitions_short(data__measure_item__context, custom_formats, (name_prefix or "data") + ".measure[{data__measure_x}].context".format(**locals()))
                        if "source" in data__measure_item_keys:
                            data__measure_item_keys.remove("source")
                            data__measure_item__source = data__measure_item["source"]
                            validate___definitions_id(data__measure_item__source, custom_formats, (name_prefix or "data") + ".measure[{data__measure_x}].source".format(**locals()))
                        if "quote" in data__measure_item_keys:
                            data__measure_item_keys.remove("quote")
                            data__measure_item__quote = data__measure_item["quote"]
                            validate___definitions_quote(data__measure_item__quote, custom_formats, (name_prefix or "data") + ".measure[{data__measure_x}].quote".format(**locals()))
                        if "status" in data__measure_item_keys:
                            data__measure_item_keys.remove("status")
                            data__measure_item__status = data__measure_item["status"]
                            validate___definitions_status(data__measure_item__status, custom_formats, (name_prefix or "data") + ".measure[{data__measure_x}].status".format(**locals()))
                        if "contradicts" in data__measure_item_keys:
                            data__measure_item_keys.remove("contradicts")
                            data__measure_item__contradicts = data__measure_item["contradicts"]
                            if not isinstance(data__measure_item__contradicts, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".measure[{data__measure_x}].contradicts".format(**locals()) + " must be boolean")
                        if data__measure_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".measure[{data__measure_x}]".format(**locals()) + " must not contain "+str(data__measure_item_keys)+" properties")
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            if not isinstance(data__source, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source must be array")
            data__source_is_list = isinstance(data__source, (list, tuple))
            if data__source_is_list:
                data__source_len = len(data__source)
                for data__source_x, data__source_item in enumerate(data__source):
                    if not isinstance(data__source_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}]".format(**locals()) + " must be object")
                    data__source_item_is_dict = isinstance(data__source_item, dict)
                    if data__source_item_is_dict:
                        data__source_item__missing_keys = set(['id', 'title', 'address']) - data__source_item.keys()
                        if data__source_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}]".format(**locals()) + " must contain ")
                        data__source_item_keys = set(data__source_item.keys())
                        if "id" in data__source_item_keys:
                            data__source_item_keys.remove("id")
                            data__source_item__id = data__source_item["id"]
                            validate___definitions_id(data__source_item__id, custom_formats, (name_prefix or "data") + ".source[{data__source_x}].id".format(**locals()))
                        if "title" in data__source_item_keys:
                            data__source_item_keys.remove("title")
                            data__source_item__title = data__source_item["title"]
                            validate___definitions_long(data__source_item__title, custom_formats, (name_prefix or "data") + ".source[{data__source_x}].title".format(**locals()))
                        if "address" in data__source_item_keys:
                            data__source_item_keys.remove("address")
                            data__source_item__address = data__source_item["address"]
                            validate___definitions_url(data__source_item__address, custom_formats, (name_prefix or "data") + ".source[{data__source_x}].address".format(**locals()))
                        if "publisher" in data__source_item_keys:
                            data__source_item_keys.remove("publisher")
                            data__source_item__publisher = data__source_item["publisher"]
                            validate___definitions_short(data__source_item__publisher, custom_formats, (name_prefix or "data") + ".source[{data__source_x}].publisher".format(**locals()))
                        if "year" in data__source_item_keys:
                            data__source_item_keys.remove("year")
                            data__source_item__year = data__source_item["year"]
                            if not isinstance(data__source_item__year, (int)) and not (isinstance(data__source_item__year, float) and data__source_item__year.is_integer()) or isinstance(data__source_item__year, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}].year".format(**locals()) + " must be integer")
                            if isinstance(data__source_item__year, (int, float, Decimal)) and not isinstance(data__source_item__year, bool):
                                if data__source_item__year < 1000:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}].year".format(**locals()) + " must be bigger than or equal to 1000")
                                if data__source_item__year > 9999:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}].year".format(**locals()) + " must be smaller than or equal to 9999")
                        if data__source_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}]".format(**locals()) + " must not contain "+str(data__source_item_keys)+" properties")
        if "compartment" in data_keys:
            data_keys.remove("compartment")
            data__compartment = data["compartment"]
            if not isinstance(data__compartment, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".compartment must be array")
            data__compartment_is_list = isinstance(data__compartment, (list, tuple))
            if data__compartment_is_list:
                data__compartment_len = len(data__compartment)
                for data__compartment_x, data__compartment_item in enumerate(data__compartment):
                    if not isinstance(data__compartment_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".compartment[{data__compartment_x}]".format(**locals()) + " must be object")
                    data__compartment_item_is_dict = isinstance(data__compartment_item, dict)
                    if data__compartment_item_is_dict:
                        data__compartment_item__missing_keys = set(['id', 'label']) - data__compartment_item.keys()
                        if data__compartment_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".compartment[{data__compartment_x}]".format(**locals()) + " must contain ")
                        data__compartment_item_keys = set(data__compartment_item.keys())
                        if "id" in data__compartment_item_keys:
                            data__compartment_item_keys.remove("id")
                            data__compartment_item__id = data__compartment_item["id"]
                            validate___definitions_id(data__compartment_item__id, custom_formats, (name_prefix or "data") + ".compartment[{data__compartment_x}].id".format(**locals()))
                        if "label" in data__compartment_item_keys:
                            data__compartment_item_keys.remove("label")
                            data__compartment_item__label = data__compartment_item["label"]
                            validate___definitions_label(data__compartment_item__label, custom_formats, (name_prefix or "data") + ".compartment[{data__compartment_x}].label".format(**locals()))
                        if data__compartment_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".compartment[{data__compartment_x}]".format(**locals()) + " must not contain "+str(data__compartment_item_keys)+" properties")
        if "entity" in data_keys:
            data_keys.remove("entity")
            data__entity = data["entity"]
            if not isinstance(data__entity, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity must be array")
            data__entity_is_list = isinstance(data__entity, (list, tuple))
            if data__entity_is_list:
                data__entity_len = len(data__entity)
                for data__entity_x, data__entity_item in enumerate(data__entity):
                    if not isinstance(data__entity_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}]".format(**locals()) + " must be object")
                    data__entity_item_is_dict = isinstance(data__entity_item, dict)
                    if data__entity_item_is_dict:
                        data__entity_item__missing_keys = set(['id', 'label', 'kind']) - data__entity_item.keys()
                        if data__entity_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}]".format(**locals()) + " must contain ")
                        data__entity_item_keys = set(data__entity_item.keys())
                        if "id" in data__entity_item_keys:
                            data__entity_item_keys.remove("id")
                            data__entity_item__id = data__entity_item["id"]
                            validate___definitions_id(data__entity_item__id, custom_formats, (name_prefix or "data") + ".entity[{data__entity_x}].id".format(**locals()))
                        if "label" in data__entity_item_keys:
                            data__entity_item_keys.remove("label")
                            data__entity_item__label = data__entity_item["label"]
                            validate___definitions_label(data__entity_item__label, custom_formats, (name_prefix or "data") + ".entity[{data__entity_x}].label".format(**locals()))
                        if "kind" in data__entity_item_keys:
                            data__entity_item_keys.remove("kind")
                            data__entity_item__kind = data__entity_item["kind"]
                            if not (isinstance(data__entity_item__kind, str) and data__entity_item__kind == 'compound' or isinstance(data__entity_item__kind, str) and data__entity_item__kind == 'receptor' or isinstance(data__entity_item__kind, str) and data__entity_item__kind == 'neurotransmitter' or isinstance(data__entity_item__kind, str) and data__entity_item__kind == 'ion' or isinstance(data__entity_item__kind, str) and data__entity_item__kind == 'protein' or isinstance(data__entity_item__kind, str) and data__entity_item__kind == 'process' or isinstance(data__entity_item__kind, str) and data__entity_item__kind == 'phenotype'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].kind".format(**locals()) + " must be one of ['compound', 'receptor', 'neurotransmitter', 'ion', 'protein', 'process', 'phenotype']")
                        if "synonyms" in data__entity_item_keys:
                            data__entity_item_keys.remove("synonyms")
                            data__entity_item__synonyms = data__entity_item["synonyms"]
                            validate___definitions_labels(data__entity_item__synonyms, custom_formats, (name_prefix or "data") + ".entity[{data__entity_x}].synonyms".format(**locals()))
                        if "identifiers" in data__entity_item_keys:
                            data__entity_item_keys.remove("identifiers")
                            data__entity_item__identifiers = data__entity_item["identifiers"]
                            if not isinstance(data__entity_item__identifiers, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].identifiers".format(**locals()) + " must be array")
                            data__entity_item__identifiers_is_list = isinstance(data__entity_item__identifiers, (list, tuple))
                            if data__entity_item__identifiers_is_list:
                                data__entity_item__identifiers_len = len(data__entity_item__identifiers)
                                for data__entity_item__identifiers_x, data__entity_item__identifiers_item in enumerate(data__entity_item__identifiers):
                                    if not isinstance(data__entity_item__identifiers_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].identifiers[{data__entity_item__identifiers_x}]".format(**locals()) + " must be string")
                                    if isinstance(data__entity_item__identifiers_item, str):
                                        data__entity_item__identifiers_item_len = len(data__entity_item__identifiers_item)
                                        if data__entity_item__identifiers_item_len > 200:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].identifiers[{data__entity_item__identifiers_x}]".format(**locals()) + " must be shorter than or equal to 200 characters")
                        if "compartment" in data__entity_item_keys:
                            data__entity_item_keys.remove("compartment")
                            data__entity_item__compartment = data__entity_item["compartment"]
                            validate___definitions_id(data__entity_item__compartment, custom_formats, (name_prefix or "data") + ".entity[{data__entity_x}].compartment".format(**locals()))
                        if "parent" in data__entity_item_keys:
                            data__entity_item_keys.remove("parent")
                            data__entity_item__parent = data__entity_item["parent"]
                            validate___definitions_id(data__entity_item__parent, custom_formats, (name_prefix or "data") + ".entity[{data__entity_x}].parent".format(**locals()))
                        if "part_of" in data__entity_item_keys:
                            data__entity_item_keys.remove("part_of")
                            data__entity_item__partof = data__entity_item["part_of"]
                            validate___definitions_id(data__entity_item__partof, custom_formats, (name_prefix or "data") + ".entity[{data__entity_x}].part_of".format(**locals()))
                        if "role" in data__entity_item_keys:
                            data__entity_item_keys.remove("role")
                            data__entity_item__role = data__entity_item["role"]
                            if not (isinstance(data__entity_item__role, str) and data__entity_item__role == 'drug' or isinstance(data__entity_item__role, str) and data__entity_item__role == 'tool' or isinstance(data__entity_item__role, str) and data__entity_item__role == 'chemical'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].role".format(**locals()) + " must be one of ['drug', 'tool', 'chemical']")
                        if "info" in data__entity_item_keys:
                            data__entity_item_keys.remove("info")
                            data__entity_item__info = data__entity_item["info"]
                            validate___definitions_labels(data__entity_item__info, custom_formats, (name_prefix or "data") + ".entity[{data__entity_x}].info".format(**locals()))
                        if "description" in data__entity_item_keys:
                            data__entity_item_keys.remove("description")
                            data__entity_item__description = data__entity_item["description"]
                            validate___definitions_long_optional(data__entity_item__description, custom_formats, (name_prefix or "data") + ".entity[{data__entity_x}].description".format(**locals()))
                        if "position" in data__entity_item_keys:
                            data__entity_item_keys.remove("position")
                            data__entity_item__position = data__entity_item["position"]
                            if not isinstance(data__entity_item__position, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].position".format(**locals()) + " must be array")
                            data__entity_item__position_is_list = isinstance(data__entity_item__position, (list, tuple))
                            if data__entity_item__position_is_list:
                                data__entity_item__position_len = len(data__entity_item__position)
                                if data__entity_item__position_len < 2:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].position".format(**locals()) + " must contain at least 2 items")
                                if data__entity_item__position_len > 2:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].position".format(**locals()) + " must contain less than or equal to 2 items")
                                for data__entity_item__position_x, data__entity_item__position_item in enumerate(data__entity_item__position):
                                    if not isinstance(data__entity_item__position_item, (int, float, Decimal)) or isinstance(data__entity_item__position_item, bool):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}].position[{data__entity_item__position_x}]".format(**locals()) + " must be number")
                        if data__entity_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".entity[{data__entity_x}]".format(**locals()) + " must not contain "+str(data__entity_item_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate___definitions_long_optional(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{\\s*\\})'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{\\s*\\})")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))")
        data_len = len(data)
        if data_len > 1000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 1000 characters")
    return data

def validate___definitions_labels(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate___definitions_short(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
            if isinstance(data_item, str):
                if not REGEX_PATTERNS['\\S'].search(data_item):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must match pattern \\S")
    return data

def validate___definitions_url(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len > 2000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 2000 characters")
        if not REGEX_PATTERNS['^(?:https?://|file:///)[^\\s"<>\x00-\x1f\x7f-\x9f]+$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?:https?://|file:///)[^\\s\"<>\x00-\x1f\x7f-\x9f]+$")
    return data

def validate___definitions_label(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$")
        if not REGEX_PATTERNS['^[^\t\n\r]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\t\n\r]*$")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{\\s*\\})'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{\\s*\\})")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))")
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern \\S")
        data_len = len(data)
        if data_len > 200:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 200 characters")
    return data

def validate___definitions_quote(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{\\s*\\})'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{\\s*\\})")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))")
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern \\S")
        data_len = len(data)
        if data_len > 2000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 2000 characters")
    return data

def validate___definitions_short(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$")
        if not REGEX_PATTERNS['^[^\t\n\r]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\t\n\r]*$")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{\\s*\\})'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{\\s*\\})")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))")
        data_len = len(data)
        if data_len > 200:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 200 characters")
    return data

def validate___definitions_status(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'stated' or isinstance(data, str) and data == 'hedged' or isinstance(data, str) and data == 'hypothesised'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['stated', 'hedged', 'hypothesised']")
    return data

def validate___definitions_ids(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate___definitions_id(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate___definitions_long(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{\\s*\\})'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{\\s*\\})")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))")
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern \\S")
        data_len = len(data)
        if data_len > 1000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 1000 characters")
    return data

def validate___definitions_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len > 64:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 64 characters")
        if not REGEX_PATTERNS['^[a-z0-9][a-z0-9_-]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z0-9][a-z0-9_-]*$")
    return data