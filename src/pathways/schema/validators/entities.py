# Generated from entities.schema.json by `python -m pathways.schema`
# (fastjsonschema 2.22.3); do not edit: write it again after
# changing the schema (the tests check that it matches).
SCHEMA_SHA256 = 'fe0c096ddcbc5a34e465f6e5737cac503aabfbb8aa9c589e112dc2e96354b9f2'
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
        data__missing_keys = set([]) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
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