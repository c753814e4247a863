package engine

import (
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/go-memdb"
	"github.com/slbfake/slbfake/model"
)

// An LB's protection, charge type and name (DOC: the API reference of
// CreateLoadBalancer, SetLoadBalancerDeleteProtection,
// SetLoadBalancerModificationProtection, ModifyLoadBalancerInstanceChargeType,
// SetLoadBalancerName, DeleteLoadBalancer):
//
//   - DeleteProtection is on or off (default off; any other value is
//     InvalidParameter naming it, INF). While it is on, DeleteLoadBalancer
//     is OperationDenied.DeleteProtectionIsOn (DOC).
//   - ModificationProtectionStatus is NonProtection (default) or
//     ConsoleProtection (InvalidParam.ModificationProtectionStatus).
//     ConsoleProtection forbids changes made in the console only; API calls
//     still change the LB (DOC: "users cannot change the instance in the
//     console, but can through the API"), so no call of the fake checks it.
//     The reason counts only with ConsoleProtection (DOC); NonProtection
//     clears it (DOC), and a reason sent with NonProtection is ignored
//     (INF). A reason is 1 to 80 characters starting with a letter, then
//     letters, digits, '.', '_', '-' (DOC) and spaces (INF: the
//     documentation's own example is "Managed instance");
//     InvalidParam.ModificationProtectionReason otherwise.
//   - InstanceChargeType is PayBySpec (default) or PayByCLCU
//     (IllegalParam.InstanceChargeType). A PayByCLCU LB has no spec (DOC:
//     LoadBalancerSpec "does not take effect"; the fake keeps none, INF) and
//     is billed by traffic (DOC; paybybandwidth is
//     Instance.InternetChargeTypeNotAllowed, INF).
//     ModifyLoadBalancerInstanceChargeType only moves PayBySpec to PayByCLCU
//     (DOC): PayBySpec is Forbidden.LcuToSpec, an LB already PayByCLCU
//     OperationDenied.PayByCLCU (INF), an InternetChargeType other than
//     paybytraffic IllegalParam.InternetChargeType (DOC).

// Protection and charge values.
const (
	protectionOn      = "on"
	protectionOff     = "off"
	nonProtection     = "NonProtection"
	consoleProtection = "ConsoleProtection"
	payBySpec         = "PayBySpec"
	payByCLCU         = "PayByCLCU"
	maxProtectionText = 80 // characters of a ModificationProtectionReason (DOC)
)

// parseDeleteProtection reads DeleteProtection; empty is off.
func parseDeleteProtection(v string) (bool, *model.Error) {
	switch v {
	case "", protectionOff:
		return false, nil
	case protectionOn:
		return true, nil
	}
	return false, model.ErrInvalidParameterValue("DeleteProtection")
}

// modificationProtection checks a status and reason and returns what the
// LB keeps: "" for NonProtection (the one spelling of the default, so that
// setting it on an LB that has it changes nothing); the reason only with
// ConsoleProtection.
func modificationProtection(status, reason string) (string, string, *model.Error) {
	switch status {
	case "", nonProtection:
		return "", "", nil
	case consoleProtection:
	default:
		return "", "", model.ErrInvalidModificationProtectionStatus()
	}
	if reason != "" && !validProtectionReason(reason) {
		return "", "", model.ErrInvalidModificationProtectionReason()
	}
	return consoleProtection, reason, nil
}

// validProtectionReason: 1 to 80 characters, a letter first, then letters,
// digits, '.', '_', '-' or spaces.
func validProtectionReason(r string) bool {
	if !utf8.ValidString(r) || utf8.RuneCountInString(r) > maxProtectionText {
		return false
	}
	for i, c := range r {
		switch {
		case unicode.IsLetter(c):
		case i == 0:
			return false
		case unicode.IsDigit(c), c == '.', c == '_', c == '-', c == ' ':
		default:
			return false
		}
	}
	return r != ""
}

// modificationStatusOf returns an LB's shown ModificationProtectionStatus.
func modificationStatusOf(lb *model.LoadBalancer) string {
	if lb.ModificationProtectionStatus == "" {
		return nonProtection
	}
	return lb.ModificationProtectionStatus
}

// chargeTypeOf returns an LB's shown InstanceChargeType.
func chargeTypeOf(lb *model.LoadBalancer) string {
	if lb.InstanceChargeType == "" {
		return payBySpec
	}
	return lb.InstanceChargeType
}

// deleteProtectionOf returns an LB's shown DeleteProtection: on or off.
func deleteProtectionOf(lb *model.LoadBalancer) string {
	if lb.DeleteProtection {
		return protectionOn
	}
	return protectionOff
}

// checkCreateProtection checks CreateLoadBalancer's protection and charge
// parameters and sets them on lb (whose InternetChargeType and spec are the
// request's).
func checkCreateProtection(lb *model.LoadBalancer, req *model.CreateLoadBalancerRequest) *model.Error {
	var e *model.Error
	if lb.DeleteProtection, e = parseDeleteProtection(req.DeleteProtection); e != nil {
		return e
	}
	if lb.ModificationProtectionStatus, lb.ModificationProtectionReason, e = modificationProtection(
		req.ModificationProtectionStatus, req.ModificationProtectionReason); e != nil {
		return e
	}
	switch req.InstanceChargeType {
	case "", payBySpec:
		lb.InstanceChargeType = "" // PayBySpec's one spelling
	case payByCLCU:
		if lb.InternetChargeType == "paybybandwidth" {
			return model.ErrInternetChargeTypeNotAllowed()
		}
		lb.InstanceChargeType, lb.LoadBalancerSpec = payByCLCU, ""
	default:
		return model.ErrIllegalInstanceChargeType()
	}
	return nil
}

// updateLoadBalancerTxn is the frame of the calls that change one LB's
// attributes: the LB must exist for the caller and not be locked; change
// edits a copy, which is written when it differs.
func (s *Store) updateLoadBalancerTxn(txn *memdb.Txn, account, region, id string, change func(lb *model.LoadBalancer) *model.Error) *model.Error {
	lb, e := mutableLoadBalancerTxn(txn, account, region, id)
	if e != nil {
		return e
	}
	updated := *lb
	if e := change(&updated); e != nil {
		return e
	}
	if updated != *lb {
		insert(txn, tableLoadBalancers, &updated)
	}
	return nil
}

// SetLoadBalancerDeleteProtection turns an LB's deletion protection on or
// off (DeleteProtection required: MissingParameter; on or off: INF
// InvalidParameter).
func (s *Store) SetLoadBalancerDeleteProtection(account string, req *model.SetLoadBalancerDeleteProtectionRequest) (*model.SetLoadBalancerDeleteProtectionResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		return s.updateLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId, func(lb *model.LoadBalancer) *model.Error {
			if req.DeleteProtection == "" {
				return model.ErrMissingParameter("DeleteProtection")
			}
			on, e := parseDeleteProtection(req.DeleteProtection)
			lb.DeleteProtection = on
			return e
		})
	})
	if e != nil {
		return nil, e
	}
	return &model.SetLoadBalancerDeleteProtectionResponse{}, nil
}

// SetLoadBalancerModificationProtection sets an LB's modification
// protection (ModificationProtectionStatus required: MissingParameter).
func (s *Store) SetLoadBalancerModificationProtection(account string, req *model.SetLoadBalancerModificationProtectionRequest) (*model.SetLoadBalancerModificationProtectionResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		return s.updateLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId, func(lb *model.LoadBalancer) *model.Error {
			if req.ModificationProtectionStatus == "" {
				return model.ErrMissingParameter("ModificationProtectionStatus")
			}
			var e *model.Error
			lb.ModificationProtectionStatus, lb.ModificationProtectionReason, e = modificationProtection(
				req.ModificationProtectionStatus, req.ModificationProtectionReason)
			return e
		})
	})
	if e != nil {
		return nil, e
	}
	return &model.SetLoadBalancerModificationProtectionResponse{}, nil
}

// ModifyLoadBalancerInstanceChargeType moves a PayBySpec LB to PayByCLCU:
// it then has no spec and is billed by traffic (InternetChargeType
// paybytraffic, INF: DOC says a PayByCLCU LB is only billed by traffic).
// InstanceChargeType is required (MissingParameter).
func (s *Store) ModifyLoadBalancerInstanceChargeType(account string, req *model.ModifyLoadBalancerInstanceChargeTypeRequest) (*model.ModifyLoadBalancerInstanceChargeTypeResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		return s.updateLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId, func(lb *model.LoadBalancer) *model.Error {
			switch req.InstanceChargeType {
			case "":
				return model.ErrMissingParameter("InstanceChargeType")
			case payByCLCU:
			case payBySpec:
				return model.ErrLcuToSpecForbidden()
			default:
				return model.ErrIllegalInstanceChargeType()
			}
			if req.InternetChargeType != "" && req.InternetChargeType != "paybytraffic" {
				return model.ErrIllegalInternetChargeType()
			}
			if chargeTypeOf(lb) == payByCLCU {
				return model.ErrAlreadyPayByCLCU()
			}
			lb.InstanceChargeType, lb.LoadBalancerSpec, lb.InternetChargeType = payByCLCU, "", "paybytraffic"
			return nil
		})
	})
	if e != nil {
		return nil, e
	}
	return &model.ModifyLoadBalancerInstanceChargeTypeResponse{}, nil
}

// SetLoadBalancerName renames an LB: LoadBalancerName is required
// (MissingParameter) and at most 80 characters (InvalidParameter, as
// CreateLoadBalancer checks it).
func (s *Store) SetLoadBalancerName(account string, req *model.SetLoadBalancerNameRequest) (*model.SetLoadBalancerNameResponse, *model.Error) {
	e := s.write(func(txn *memdb.Txn) *model.Error {
		return s.updateLoadBalancerTxn(txn, account, req.RegionId, req.LoadBalancerId, func(lb *model.LoadBalancer) *model.Error {
			switch {
			case req.LoadBalancerName == "":
				return model.ErrMissingParameter("LoadBalancerName")
			case utf8.RuneCountInString(req.LoadBalancerName) > 80:
				return model.ErrInvalidParameterValue("LoadBalancerName")
			}
			lb.LoadBalancerName = req.LoadBalancerName
			return nil
		})
	})
	if e != nil {
		return nil, e
	}
	return &model.SetLoadBalancerNameResponse{}, nil
}
