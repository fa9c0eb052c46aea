# Generated from workflow.schema.json by `python -m pathways.schema`
# (fastjsonschema 2.22.3); do not edit: write it again after
# changing the schema (the tests check that it matches).
SCHEMA_SHA256 = '3f67ad3fa34d66d4cdbeb68651c24cf006c137a6f7d78b3a2640d9feb1da4b91'
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
    '^[^\t\n\r]*$': re.compile('^[^\t\n\r]*\\Z'),
    '^[a-z0-9][a-z0-9_-]*$': re.compile('^[a-z0-9][a-z0-9_-]*\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['workflow']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "workflow" in data_keys:
            data_keys.remove("workflow")
            data__workflow = data["workflow"]
            if not isinstance(data__workflow, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".workflow must be object")
            data__workflow_is_dict = isinstance(data__workflow, dict)
            if data__workflow_is_dict:
                data__workflow__missing_keys = set(['id', 'title', 'source']) - data__workflow.keys()
                if data__workflow__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".workflow must contain ")
                data__workflow_keys = set(data__workflow.keys())
                if "id" in data__workflow_keys:
                    data__workflow_keys.remove("id")
                    data__workflow__id = data__workflow["id"]
                    validate___definitions_id(data__workflow__id, custom_formats, (name_prefix or "data") + ".workflow.id")
                if "title" in data__workflow_keys:
                    data__workflow_keys.remove("title")
                    data__workflow__title = data__workflow["title"]
                    validate___definitions_long(data__workflow__title, custom_formats, (name_prefix or "data") + ".workflow.title")
                if "source" in data__workflow_keys:
                    data__workflow_keys.remove("source")
                    data__workflow__source = data__workflow["source"]
                    validate___definitions_id(data__workflow__source, custom_formats, (name_prefix or "data") + ".workflow.source")
                if data__workflow_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".workflow must not contain "+str(data__workflow_keys)+" properties")
        if "step" in data_keys:
            data_keys.remove("step")
            data__step = data["step"]
            if not isinstance(data__step, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".step must be array")
            data__step_is_list = isinstance(data__step, (list, tuple))
            if data__step_is_list:
                data__step_len = len(data__step)
                for data__step_x, data__step_item in enumerate(data__step):
                    if not isinstance(data__step_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}]".format(**locals()) + " must be object")
                    data__step_item_is_dict = isinstance(data__step_item, dict)
                    if data__step_item_is_dict:
                        data__step_item__missing_keys = set(['id', 'label', 'kind', 'evidence']) - data__step_item.keys()
                        if data__step_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}]".format(**locals()) + " must contain ")
                        data__step_item_keys = set(data__step_item.keys())
                        if "id" in data__step_item_keys:
                            data__step_item_keys.remove("id")
                            data__step_item__id = data__step_item["id"]
                            validate___definitions_id(data__step_item__id, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].id".format(**locals()))
                        if "label" in data__step_item_keys:
                            data__step_item_keys.remove("label")
                            data__step_item__label = data__step_item["label"]
                            validate___definitions_label(data__step_item__label, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].label".format(**locals()))
                        if "kind" in data__step_item_keys:
                            data__step_item_keys.remove("kind")
                            data__step_item__kind = data__step_item["kind"]
                            if not (isinstance(data__step_item__kind, str) and data__step_item__kind == 'population' or isinstance(data__step_item__kind, str) and data__step_item__kind == 'procedure' or isinstance(data__step_item__kind, str) and data__step_item__kind == 'randomisation' or isinstance(data__step_item__kind, str) and data__step_item__kind == 'arm' or isinstance(data__step_item__kind, str) and data__step_item__kind == 'assessment' or isinstance(data__step_item__kind, str) and data__step_item__kind == 'endpoint' or isinstance(data__step_item__kind, str) and data__step_item__kind == 'analysis' or isinstance(data__step_item__kind, str) and data__step_item__kind == 'outcome'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].kind".format(**locals()) + " must be one of ['population', 'procedure', 'randomisation', 'arm', 'assessment', 'endpoint', 'analysis', 'outcome']")
                        if "duration" in data__step_item_keys:
                            data__step_item_keys.remove("duration")
                            data__step_item__duration = data__step_item["duration"]
                            validate___definitions_short(data__step_item__duration, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].duration".format(**locals()))
                        if "details" in data__step_item_keys:
                            data__step_item_keys.remove("details")
                            data__step_item__details = data__step_item["details"]
                            validate___definitions_labels(data__step_item__details, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].details".format(**locals()))
                        if "group" in data__step_item_keys:
                            data__step_item_keys.remove("group")
                            data__step_item__group = data__step_item["group"]
                            validate___definitions_short(data__step_item__group, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].group".format(**locals()))
                        if "status" in data__step_item_keys:
                            data__step_item_keys.remove("status")
                            data__step_item__status = data__step_item["status"]
                            validate___definitions_status(data__step_item__status, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].status".format(**locals()))
                        if "evidence" in data__step_item_keys:
                            data__step_item_keys.remove("evidence")
                            data__step_item__evidence = data__step_item["evidence"]
                            if not isinstance(data__step_item__evidence, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].evidence".format(**locals()) + " must be array")
                            data__step_item__evidence_is_list = isinstance(data__step_item__evidence, (list, tuple))
                            if data__step_item__evidence_is_list:
                                data__step_item__evidence_len = len(data__step_item__evidence)
                                if data__step_item__evidence_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].evidence".format(**locals()) + " must contain at least 1 items")
                                for data__step_item__evidence_x, data__step_item__evidence_item in enumerate(data__step_item__evidence):
                                    if not isinstance(data__step_item__evidence_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].evidence[{data__step_item__evidence_x}]".format(**locals()) + " must be object")
                                    data__step_item__evidence_item_is_dict = isinstance(data__step_item__evidence_item, dict)
                                    if data__step_item__evidence_item_is_dict:
                                        data__step_item__evidence_item__missing_keys = set(['quote']) - data__step_item__evidence_item.keys()
                                        if data__step_item__evidence_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].evidence[{data__step_item__evidence_x}]".format(**locals()) + " must contain ")
                                        data__step_item__evidence_item_keys = set(data__step_item__evidence_item.keys())
                                        if "source" in data__step_item__evidence_item_keys:
                                            data__step_item__evidence_item_keys.remove("source")
                                            data__step_item__evidence_item__source = data__step_item__evidence_item["source"]
                                            validate___definitions_id(data__step_item__evidence_item__source, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].evidence[{data__step_item__evidence_x}].source".format(**locals()))
                                        if "quote" in data__step_item__evidence_item_keys:
                                            data__step_item__evidence_item_keys.remove("quote")
                                            data__step_item__evidence_item__quote = data__step_item__evidence_item["quote"]
                                            validate___definitions_quote(data__step_item__evidence_item__quote, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].evidence[{data__step_item__evidence_x}].quote".format(**locals()))
                                        if "status" in data__step_item__evidence_item_keys:
                                            data__step_item__evidence_item_keys.remove("status")
                                            data__step_item__evidence_item__status = data__step_item__evidence_item["status"]
                                            validate___definitions_status(data__step_item__evidence_item__status, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].evidence[{data__step_item__evidence_x}].status".format(**locals()))
                                        if "contradicts" in data__step_item__evidence_item_keys:
                                            data__step_item__evidence_item_keys.remove("contradicts")
                                            data__step_item__evidence_item__contradicts = data__step_item__evidence_item["contradicts"]
                                            if not isinstance(data__step_item__evidence_item__contradicts, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].evidence[{data__step_item__evidence_x}].contradicts".format(**locals()) + " must be boolean")
                                        if data__step_item__evidence_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].evidence[{data__step_item__evidence_x}]".format(**locals()) + " must not contain "+str(data__step_item__evidence_item_keys)+" properties")
                        if "measure" in data__step_item_keys:
                            data__step_item_keys.remove("measure")
                            data__step_item__measure = data__step_item["measure"]
                            if not isinstance(data__step_item__measure, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].measure".format(**locals()) + " must be array")
                            data__step_item__measure_is_list = isinstance(data__step_item__measure, (list, tuple))
                            if data__step_item__measure_is_list:
                                data__step_item__measure_len = len(data__step_item__measure)
                                for data__step_item__measure_x, data__step_item__measure_item in enumerate(data__step_item__measure):
                                    if not isinstance(data__step_item__measure_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}]".format(**locals()) + " must be object")
                                    data__step_item__measure_item_is_dict = isinstance(data__step_item__measure_item, dict)
                                    if data__step_item__measure_item_is_dict:
                                        data__step_item__measure_item__missing_keys = set(['name', 'value', 'quote']) - data__step_item__measure_item.keys()
                                        if data__step_item__measure_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}]".format(**locals()) + " must contain ")
                                        data__step_item__measure_item_keys = set(data__step_item__measure_item.keys())
                                        if "name" in data__step_item__measure_item_keys:
                                            data__step_item__measure_item_keys.remove("name")
                                            data__step_item__measure_item__name = data__step_item__measure_item["name"]
                                            validate___definitions_label(data__step_item__measure_item__name, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}].name".format(**locals()))
                                        if "value" in data__step_item__measure_item_keys:
                                            data__step_item__measure_item_keys.remove("value")
                                            data__step_item__measure_item__value = data__step_item__measure_item["value"]
                                            validate___definitions_label(data__step_item__measure_item__value, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}].value".format(**locals()))
                                        if "context" in data__step_item__measure_item_keys:
                                            data__step_item__measure_item_keys.remove("context")
                                            data__step_item__measure_item__context = data__step_item__measure_item["context"]
                                            validate___definitions_short(data__step_item__measure_item__context, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}].context".format(**locals()))
                                        if "source" in data__step_item__measure_item_keys:
                                            data__step_item__measure_item_keys.remove("source")
                                            data__step_item__measure_item__source = data__step_item__measure_item["source"]
                                            validate___definitions_id(data__step_item__measure_item__source, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}].source".format(**locals()))
                                        if "quote" in data__step_item__measure_item_keys:
                                            data__step_item__measure_item_keys.remove("quote")
                                            data__step_item__measure_item__quote = data__step_item__measure_item["quote"]
                                            validate___definitions_quote(data__step_item__measure_item__quote, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}].quote".format(**locals()))
                                        if "status" in data__step_item__measure_item_keys:
                                            data__step_item__measure_item_keys.remove("status")
                                            data__step_item__measure_item__status = data__step_item__measure_item["status"]
                                            validate___definitions_status(data__step_item__measure_item__status, custom_formats, (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}].status".format(**locals()))
                                        if "contradicts" in data__step_item__measure_item_keys:
                                            data__step_item__measure_item_keys.remove("contradicts")
                                            data__step_item__measure_item__contradicts = data__step_item__measure_item["contradicts"]
                                            if not isinstance(data__step_item__measure_item__contradicts, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}].contradicts".format(**locals()) + " must be boolean")
                                        if data__step_item__measure_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}].measure[{data__step_item__measure_x}]".format(**locals()) + " must not contain "+str(data__step_item__measure_item_keys)+" properties")
                        if data__step_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".step[{data__step_x}]".format(**locals()) + " must not contain "+str(data__step_item_keys)+" properties")
        if "link" in data_keys:
            data_keys.remove("link")
            data__link = data["link"]
            if not isinstance(data__link, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".link must be array")
            data__link_is_list = isinstance(data__link, (list, tuple))
            if data__link_is_list:
                data__link_len = len(data__link)
                for data__link_x, data__link_item in enumerate(data__link):
                    if not isinstance(data__link_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}]".format(**locals()) + " must be object")
                    data__link_item_is_dict = isinstance(data__link_item, dict)
                    if data__link_item_is_dict:
                        data__link_item__missing_keys = set(['from', 'to', 'evidence']) - data__link_item.keys()
                        if data__link_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}]".format(**locals()) + " must contain ")
                        data__link_item_keys = set(data__link_item.keys())
                        if "from" in data__link_item_keys:
                            data__link_item_keys.remove("from")
                            data__link_item__from = data__link_item["from"]
                            validate___definitions_id(data__link_item__from, custom_formats, (name_prefix or "data") + ".link[{data__link_x}].from".format(**locals()))
                        if "to" in data__link_item_keys:
                            data__link_item_keys.remove("to")
                            data__link_item__to = data__link_item["to"]
                            validate___definitions_id(data__link_item__to, custom_formats, (name_prefix or "data") + ".link[{data__link_x}].to".format(**locals()))
                        if "label" in data__link_item_keys:
                            data__link_item_keys.remove("label")
                            data__link_item__label = data__link_item["label"]
                            validate___definitions_short(data__link_item__label, custom_formats, (name_prefix or "data") + ".link[{data__link_x}].label".format(**locals()))
                        if "status" in data__link_item_keys:
                            data__link_item_keys.remove("status")
                            data__link_item__status = data__link_item["status"]
                            validate___definitions_status(data__link_item__status, custom_formats, (name_prefix or "data") + ".link[{data__link_x}].status".format(**locals()))
                        if "evidence" in data__link_item_keys:
                            data__link_item_keys.remove("evidence")
                            data__link_item__evidence = data__link_item["evidence"]
                            if not isinstance(data__link_item__evidence, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}].evidence".format(**locals()) + " must be array")
                            data__link_item__evidence_is_list = isinstance(data__link_item__evidence, (list, tuple))
                            if data__link_item__evidence_is_list:
                                data__link_item__evidence_len = len(data__link_item__evidence)
                                if data__link_item__evidence_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}].evidence".format(**locals()) + " must contain at least 1 items")
                                for data__link_item__evidence_x, data__link_item__evidence_item in enumerate(data__link_item__evidence):
                                    if not isinstance(data__link_item__evidence_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}].evidence[{data__link_item__evidence_x}]".format(**locals()) + " must be object")
                                    data__link_item__evidence_item_is_dict = isinstance(data__link_item__evidence_item, dict)
                                    if data__link_item__evidence_item_is_dict:
                                        data__link_item__evidence_item__missing_keys = set(['quote']) - data__link_item__evidence_item.keys()
                                        if data__link_item__evidence_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}].evidence[{data__link_item__evidence_x}]".format(**locals()) + " must contain ")
                                        data__link_item__evidence_item_keys = set(data__link_item__evidence_item.keys())
                                        if "source" in data__link_item__evidence_item_keys:
                                            data__link_item__evidence_item_keys.remove("source")
                                            data__link_item__evidence_item__source = data__link_item__evidence_item["source"]
                                            validate___definitions_id(data__link_item__evidence_item__source, custom_formats, (name_prefix or "data") + ".link[{data__link_x}].evidence[{data__link_item__evidence_x}].source".format(**locals()))
                                        if "quote" in data__link_item__evidence_item_keys:
                                            data__link_item__evidence_item_keys.remove("quote")
                                            data__link_item__evidence_item__quote = data__link_item__evidence_item["quote"]
                                            validate___definitions_quote(data__link_item__evidence_item__quote, custom_formats, (name_prefix or "data") + ".link[{data__link_x}].evidence[{data__link_item__evidence_x}].quote".format(**locals()))
                                        if "status" in data__link_item__evidence_item_keys:
                                            data__link_item__evidence_item_keys.remove("status")
                                            data__link_item__evidence_item__status = data__link_item__evidence_item["status"]
                                            validate___definitions_status(data__link_item__evidence_item__status, custom_formats, (name_prefix or "data") + ".link[{data__link_x}].evidence[{data__link_item__evidence_x}].status".format(**locals()))
                                        if "contradicts" in data__link_item__evidence_item_keys:
                                            data__link_item__evidence_item_keys.remove("contradicts")
                                            data__link_item__evidence_item__contradicts = data__link_item__evidence_item["contradicts"]
                                            if not isinstance(data__link_item__evidence_item__contradicts, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}].evidence[{data__link_item__evidence_x}].contradicts".format(**locals()) + " must be boolean")
                                        if data__link_item__evidence_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}].evidence[{data__link_item__evidence_x}]".format(**locals()) + " must not contain "+str(data__link_item__evidence_item_keys)+" properties")
                        if data__link_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".link[{data__link_x}]".format(**locals()) + " must not contain "+str(data__link_item_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
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

def validate___definitions_status(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'stated' or isinstance(data, str) and data == 'hedged' or isinstance(data, str) and data == 'hypothesised'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['stated', 'hedged', 'hypothesised']")
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